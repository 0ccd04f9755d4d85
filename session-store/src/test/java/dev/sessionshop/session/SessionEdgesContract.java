package dev.sessionshop.session;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store at its edges, against the real server of each backend: a value of a class this version lacks, a value set
 * again unchanged, a request that ends in an exception or goes async, and the cookie's Secure flag.
 */
public interface SessionEdgesContract extends StoreContract {

    private Object stored(String attribute) {
        byte[] bytes = probe().stored(browser().sessionCookie, attribute);
        return bytes == null ? null : AttributeSerializerTest.javaDeserialize(bytes);
    }

    @Test
    default void aValueOfAClassThisVersionLacksIsSkippedAndKeptInTheStore() throws Exception {
        // given: a session that a newer version of the application wrote a value of its own into
        browser().set("cart", "book");
        byte[] newer = AttributeSerializerTest.javaSerialize(new AttributeSerializerTest.CartLine("BOOK-1", 1, BigDecimal.ONE));
        int at = new String(newer, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("CartLine");
        newer[at + 7] = 'X';
        probe().plant(browser().sessionCookie, "newer", newer);

        try (LogRecorder log = new LogRecorder()) {
            // when: this version reads it, and changes the session
            AtomicReference<Object> seen = new AtomicReference<>("not read");
            browser().get((req, res) -> {
                seen.set(req.getSession(false).getAttribute("newer"));
                req.getSession(false).setAttribute("coupon", "SPRING");
            });

            // then: absent here, untouched there, and the session lives on
            assertNull(seen.get());
            assertArrayEquals(newer, probe().stored(browser().sessionCookie, "newer"), "left in the store as it was");
            assertEquals("book", browser().read("cart"));
            assertEquals("SPRING", browser().read("coupon"));
            assertTrue(log.messages(Level.WARNING).get(0).contains("CartLinX"), log.messages(Level.WARNING).toString());
        }
    }

    @Test
    default void anAttributeSetAgainUnchangedIsNotWritten() throws Exception {
        browser().set("cart", List.of("book"));
        browser().read("cart");
        long writes = probe().writes();

        browser().get((req, res) -> req.getSession().setAttribute("cart", List.of("book")));

        assertEquals(writes, probe().writes(), "the read only: nothing was written");
        assertEquals(1, probe().version(browser().sessionCookie));
    }

    @Test
    default void aRequestThatEndsInAnExceptionStillSavesWhatItChanged() {
        // given: the one rule for every way a request ends: what it changed is written
        FakeRequest request = FakeRequest.create();
        FakeResponse response = FakeResponse.create();
        AtomicReference<String> id = new AtomicReference<>();

        // when
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> filter().doFilter(request, response,
                (req, res) -> {
                    HttpSession session = ((HttpServletRequest) req).getSession(true);
                    id.set(session.getId());
                    session.setAttribute("cart", "book");
                    throw new IllegalStateException("the application failed");
                }));

        // then: the exception goes on to the container's error page, and the cookie already sent names a saved session
        assertEquals("the application failed", failure.getMessage());
        assertTrue(response.headers("Set-Cookie").get(0).startsWith("SHOPSESSION=" + id.get() + ";"));
        browser().sessionCookie = id.get();
        assertEquals("book", stored("cart"));
    }

    @Test
    default void changesMadeAfterTheRequestWentAsyncAreSavedWhenTheCycleCompletes() throws Exception {
        AtomicReference<HttpSession> session = new AtomicReference<>();
        AtomicReference<HttpServletRequest> request = new AtomicReference<>();
        browser().get((req, res) -> {
            session.set(req.getSession());
            session.get().setAttribute("before", "async");
            req.startAsync();
            request.set(req);
        });
        assertEquals("async", stored("before"), "saved when the filter chain returned");

        // when: another thread changes the session and completes the cycle
        session.get().setAttribute("after", "async");
        assertNull(stored("after"));
        request.get().getAsyncContext().complete();

        // then
        assertEquals("async", stored("after"));
    }

    @Test
    default void anAsyncDispatchOfTheWrappedRequestIsSaved() throws Exception {
        // given: a request that went async with the store's own wrapper (startAsync(request, response))
        AtomicReference<ServletRequest> wrapped = new AtomicReference<>();
        Browser.Exchange first = browser().get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            wrapped.set(req);
        });

        // when: the container dispatches that request again (DispatcherType.ASYNC) and the application changes it
        first.request().dispatcherType = DispatcherType.ASYNC;
        filter().doFilter(wrapped.get(), first.response(),
                (req, res) -> ((HttpServletRequest) req).getSession(false).setAttribute("cart", "two books"));

        // then
        assertEquals("two books", stored("cart"));
    }

    @Test
    default void theCookieIsSecureWhenAFilterFurtherDownMarksTheRequestSecure() throws Exception {
        Browser.Exchange exchange = browser().get((req, res) -> {
            SecureRequests.markSecure(req); // what an HTTPS wrapper further down the chain does
            req.getSession();
        });
        String cookie = exchange.response().headers("Set-Cookie").get(0);
        assertTrue(cookie.contains("; Secure"), cookie);
    }

    @Test
    default void forceSecureCookieMarksEveryCookieSecure() throws Exception {
        try (SessionBackend forced = newBackend(settings -> settings.forceSecureCookie(true))) {
            Browser plainHttp = new Browser(new SessionStoreFilter(forced));
            String cookie = plainHttp.get((req, res) -> req.getSession()).response().headers("Set-Cookie").get(0);
            assertTrue(cookie.contains("; Secure"), cookie);
            assertFalse(browser().get((req, res) -> req.getSession()).response().headers("Set-Cookie").get(0).contains("Secure"),
                    "without the setting a plain request's cookie is not Secure");
        }
    }

    @Test
    default void attributeNamesAreListedWithoutReadingTheValues() throws Exception {
        browser().set("cart", "book");
        probe().plant(browser().sessionCookie, "later", AttributeSerializerTest.javaSerialize(new evil.Gadget()));
        AtomicReference<List<String>> names = new AtomicReference<>();
        browser().get((req, res) -> names.set(Collections.list(req.getSession(false).getAttributeNames())));
        assertEquals(List.of("cart", "later"), names.get().stream().sorted().toList());
        assertNotNull(probe().stored(browser().sessionCookie, "later"), "listing names deserialized nothing, so nothing was refused");
        assertTrue(probe().storedNames(browser().sessionCookie).contains("cart"));
    }
}
