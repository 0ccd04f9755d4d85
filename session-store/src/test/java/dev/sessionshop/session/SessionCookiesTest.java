package dev.sessionshop.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCookiesTest {

    private final SessionCookies cookies = new SessionCookies("SHOPSESSION", false);

    @Test
    void noCookiesMeansNoId() {
        assertNull(cookies.requestedId(FakeRequest.create()));
    }

    @Test
    void wellFormedCookieIsTheRequestedId() {
        String id = SessionIds.newId();
        FakeRequest request = FakeRequest.create().cookie("JSESSIONID", "ABC").cookie("SHOPSESSION", id);
        assertEquals(id, cookies.requestedId(request));
    }

    @Test
    void malformedOrOverlongCookieIsNoSession() {
        assertNull(cookies.requestedId(FakeRequest.create().cookie("SHOPSESSION", "not-an-id")));
        assertNull(cookies.requestedId(FakeRequest.create().cookie("SHOPSESSION", "A".repeat(4096))));
        assertNull(cookies.requestedId(FakeRequest.create().cookie("SHOPSESSION", "")));
        assertNull(cookies.requestedId(FakeRequest.create().cookie("SHOPSESSION", SessionIds.newId().substring(1) + "%")));
        assertTrue(cookies.present(FakeRequest.create().cookie("SHOPSESSION", "not-an-id")));
    }

    @Test
    void firstWellFormedOfDuplicateCookiesWins() {
        String id = SessionIds.newId();
        FakeRequest request = FakeRequest.create().cookie("SHOPSESSION", "junk").cookie("SHOPSESSION", id);
        assertEquals(id, cookies.requestedId(request));
    }

    @Test
    void otherCookieNamesAreIgnored() {
        assertNull(cookies.requestedId(FakeRequest.create().cookie("shopsession", SessionIds.newId())));
    }

    @Test
    void issuedCookieIsHttpOnlySameSiteLaxWithContextPath() {
        FakeRequest request = FakeRequest.create();
        String header = cookies.issue("ID", request);
        assertEquals("SHOPSESSION=ID; Path=/shop; HttpOnly; SameSite=Lax", header);
        assertFalse(header.contains("Secure"));
        assertFalse(header.contains("Max-Age"), "a session cookie lives as long as the browser");
    }

    @Test
    void secureRequestGetsSecureCookieAndRootContextGetsSlash() {
        FakeRequest request = FakeRequest.create();
        request.secure = true;
        request.contextPath = "";
        assertEquals("SHOPSESSION=ID; Path=/; Secure; HttpOnly; SameSite=Lax", cookies.issue("ID", request));
    }

    @Test
    void expiredCookieHasMaxAgeZero() {
        String header = cookies.expire(FakeRequest.create());
        assertTrue(header.startsWith("SHOPSESSION=; Path=/shop; Max-Age=0;"), header);
        assertTrue(header.endsWith("HttpOnly; SameSite=Lax"), header);
    }
}
