package dev.sessionshop.web.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabCookieJarTest {

    private final LabCookieJar jar = new LabCookieJar();

    @Test
    void keepsEveryCookieItIsGivenAndSendsThemAll() {
        jar.absorb(setCookies("JSESSIONID=abc; Path=/; HttpOnly", "JSESSIONIDVERSION=:1; Path=/"));

        assertEquals(Optional.of("JSESSIONID=abc; JSESSIONIDVERSION=:1"), jar.header(Set.of()));
    }

    @Test
    void leavesOutTheCookiesAStepNames() {
        jar.absorb(setCookies("JSESSIONID=abc", "JSESSIONIDVERSION=:1"));

        assertEquals(Optional.of("JSESSIONID=abc"), jar.header(Set.of(LabCookieJar.VERSION_COOKIE)));
        assertTrue(jar.has(LabCookieJar.VERSION_COOKIE), "leaving a cookie out of one request keeps it in the jar");
    }

    @Test
    void keepsTheHighestVersionWhenParallelAnswersDisagree() {
        jar.absorb(setCookies("JSESSIONIDVERSION=:7"));
        jar.absorb(setCookies("JSESSIONIDVERSION=:5"));

        assertEquals(Optional.of("JSESSIONIDVERSION=:7"), jar.header(Set.of()));
        jar.absorb(setCookies("JSESSIONIDVERSION=:8"));
        assertEquals(Optional.of("JSESSIONIDVERSION=:8"), jar.header(Set.of()));
    }

    @Test
    void forgetsACookieTheServerExpires() {
        jar.absorb(setCookies("SHOPSESSION=old"));
        jar.absorb(setCookies("SHOPSESSION=; Max-Age=0; Path=/"));

        assertFalse(jar.has("SHOPSESSION"));
        assertEquals(Optional.empty(), jar.header(Set.of()));
    }

    @Test
    void ignoresAMalformedSetCookie() {
        jar.absorb(setCookies("=novalue", "SHOPSESSION=ok"));

        assertEquals(Optional.of("SHOPSESSION=ok"), jar.header(Set.of()));
    }

    private static HttpHeaders setCookies(String... values) {
        return HttpHeaders.of(Map.of("Set-Cookie", List.of(values)), (name, value) -> true);
    }
}
