package dev.sessionshop.session.redis;

import dev.sessionshop.session.*;
import dev.sessionshop.session.SecureRequests;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * The store at its edges, against a real redis-server: a value of a class this version lacks, a value set
 * again unchanged, a request that ends in an exception or goes async, and the cookie's Secure flag.
 */
class SessionEdgesIT extends AgainstRedis {

    private String key() {
        return store.key(browser.sessionCookie);
    }

    private Object stored(String attribute) {
        byte[] bytes = redis.hget(key(), "attr:" + attribute);
        return bytes == null ? null : AttributeSerializerTest.javaDeserialize(bytes);
    }

    @Test
    void aValueOfAClassThisVersionLacksIsSkippedAndKeptInRedis() throws Exception {
        // given: a session that a newer version of the application wrote a value of its own into
        browser.set("cart", "book");
        byte[] newer = AttributeSerializerTest.javaSerialize(new AttributeSerializerTest.CartLine("BOOK-1", 1, BigDecimal.ONE));
        int at = new String(newer, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("CartLine");
        newer[at + 7] = 'X';
        redis.hset(key(), "attr:newer", newer);

        try (LogRecorder log = new LogRecorder()) {
            // when: this version reads it, and changes the session
            AtomicReference<Object> seen = new AtomicReference<>("not read");
            browser.get((req, res) -> {
                seen.set(req.getSession(false).getAttribute("newer"));
                req.getSession(false).setAttribute("coupon", "SPRING");
            });

            // then: absent here, untouched there, and the session lives on
            assertNull(seen.get());
            assertArrayEquals(newer, redis.hget(key(), "attr:newer"), "left in Redis as it was");
            assertEquals("book", browser.read("cart"));
            assertEquals("SPRING", browser.read("coupon"));
            assertTrue(log.messages(Level.WARNING).get(0).contains("CartLinX"), log.messages(Level.WARNING).toString());
        }
    }

    @Test
    void anAttributeSetAgainUnchangedIsNotWritten() throws Exception {
        browser.set("cart", List.of("book"));
        browser.read("cart"); // both scripts cached
        Map<String, Long> before = REDIS.commandStats();

        browser.get((req, res) -> req.getSession().setAttribute("cart", List.of("book")));

        Map<String, Long> after = REDIS.commandStats();
        assertEquals(1, after.get("evalsha") - before.get("evalsha"), "the read only: no write script ran");
        assertEquals(before.getOrDefault("hincrby", 0L), after.getOrDefault("hincrby", 0L));
    }

    @Test
    void aRequestThatEndsInAnExceptionStillSavesWhatItChanged() {
        // given: the one rule for every way a request ends: what it changed is written
        FakeRequest request = FakeRequest.create();
        FakeResponse response = FakeResponse.create();
        AtomicReference<String> id = new AtomicReference<>();

        // when
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> filter.doFilter(request, response,
                (req, res) -> {
                    HttpSession session = ((HttpServletRequest) req).getSession(true);
                    id.set(session.getId());
                    session.setAttribute("cart", "book");
                    throw new IllegalStateException("the application failed");
                }));

        // then: the exception goes on to the container's error page, and the cookie already sent names a saved session
        assertEquals("the application failed", failure.getMessage());
        assertTrue(response.headers("Set-Cookie").get(0).startsWith("SHOPSESSION=" + id.get() + ";"));
        browser.sessionCookie = id.get();
        assertEquals("book", stored("cart"));
    }

    @Test
    void changesMadeAfterTheRequestWentAsyncAreSavedWhenTheCycleCompletes() throws Exception {
        AtomicReference<HttpSession> session = new AtomicReference<>();
        AtomicReference<HttpServletRequest> request = new AtomicReference<>();
        browser.get((req, res) -> {
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
    void anAsyncDispatchOfTheWrappedRequestIsSaved() throws Exception {
        // given: a request that went async with the store's own wrapper (startAsync(request, response))
        AtomicReference<ServletRequest> wrapped = new AtomicReference<>();
        Browser.Exchange first = browser.get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            wrapped.set(req);
        });

        // when: the container dispatches that request again (DispatcherType.ASYNC) and the application changes it
        first.request().dispatcherType = DispatcherType.ASYNC;
        filter.doFilter(wrapped.get(), first.response(),
                (req, res) -> ((HttpServletRequest) req).getSession(false).setAttribute("cart", "two books"));

        // then
        assertEquals("two books", stored("cart"));
    }

    @Test
    void theCookieIsSecureWhenAFilterFurtherDownMarksTheRequestSecure() throws Exception {
        Browser.Exchange exchange = browser.get((req, res) -> {
            SecureRequests.markSecure(req); // what an HTTPS wrapper further down the chain does
            req.getSession();
        });
        String cookie = exchange.response().headers("Set-Cookie").get(0);
        assertTrue(cookie.contains("; Secure"), cookie);
    }

    @Test
    void forceSecureCookieMarksEveryCookieSecure() throws Exception {
        try (RedisSessionStore forced = RedisSessionStore.start(RedisSessionConfig.builder().redisUri(REDIS.uri())
                .forceSecureCookie(true).build())) {
            Browser plainHttp = new Browser(new SessionStoreFilter(forced));
            String cookie = plainHttp.get((req, res) -> req.getSession()).response().headers("Set-Cookie").get(0);
            assertTrue(cookie.contains("; Secure"), cookie);
            assertFalse(browser.get((req, res) -> req.getSession()).response().headers("Set-Cookie").get(0).contains("Secure"),
                    "without the setting a plain request's cookie is not Secure");
        }
    }

    @Test
    void attributeNamesAreListedWithoutReadingTheValues() throws Exception {
        browser.set("cart", "book");
        redis.hset(key(), "attr:later", AttributeSerializerTest.javaSerialize(new evil.Gadget()));
        AtomicReference<List<String>> names = new AtomicReference<>();
        browser.get((req, res) -> names.set(Collections.list(req.getSession(false).getAttributeNames())));
        assertEquals(List.of("cart", "later"), names.get().stream().sorted().toList());
        assertNotNull(redis.hget(key(), "attr:later"), "listing names deserialized nothing, so nothing was refused");
        assertTrue(Arrays.asList(redis.hkeys(key()).toArray()).contains("attr:cart"));
    }
}
