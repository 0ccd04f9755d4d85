package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Payara's own session cookie ({@code JSESSIONID}) on the built WAR: an id of 256 random bits (Payara's
 * default has 28 hex characters, about 56 of them random), HttpOnly, SameSite=Lax, and Secure exactly
 * when the trusted proxy says the client used HTTPS.
 */
class SessionCookieIT extends OnDeployedShop {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void containerSessionIdCarries256RandomBits() throws Exception {
        String first = sessionCookie(newSession(null));
        String second = sessionCookie(newSession(null));

        String id = value(first);
        assertEquals(43, id.length(), "measured: Payara's default id is 28 hex characters; ours " + first);
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
        assertEquals(32, Base64.getUrlDecoder().decode(id).length, "32 bytes = 256 bits");
        assertNotEquals(id, value(second));
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxButNotSecureOverPlainHttp() throws Exception {
        String cookie = sessionCookie(newSession(null));

        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), cookie);
        assertFalse(cookie.contains("Secure"), "a Secure cookie would never come back over plain http: " + cookie);
    }

    @Test
    void sessionCookieIsSecureWhenTheTrustedProxySaysHttps() throws Exception {
        // From 127.0.0.1, which the default trusted-proxy list contains, like nginx in the local topology.
        String cookie = sessionCookie(newSession(loopback(), "https"));

        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), cookie);
        assertFalse(sessionCookie(newSession(loopback(), "http")).contains("Secure"));
    }

    @Test
    void xForwardedProtoFromAnUntrustedAddressIsIgnored() throws Exception {
        // Arquillian's deployment URL uses this machine's network address, not a private or loopback one.
        // (On a machine whose address is private, e.g. 192.168.x.y, the default list trusts it: skip.)
        String host = deploymentUrl.getHost();
        assumeFalse(host.matches("127\\..*|10\\..*|192\\.168\\..*|172\\.(1[6-9]|2[0-9]|3[01])\\..*|localhost"),
                "this check needs an address outside the default trusted list, got " + host);

        String cookie = sessionCookie(newSession(deploymentUrl.toURI(), "https"));

        assertFalse(cookie.contains("Secure"), cookie);
    }

    /** Adds to the cart with a fresh client, which creates the session; returns the response. */
    private HttpResponse<String> newSession(String forwardedProto) throws Exception {
        return newSession(deploymentUrl.toURI(), forwardedProto);
    }

    private HttpResponse<String> newSession(URI base, String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/cart/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": \"kettle\", \"quantity\": 1}"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** The same instance, reached over loopback. */
    private URI loopback() throws Exception {
        return new URI("http", null, "127.0.0.1", deploymentUrl.getPort(), "/", null, null);
    }

    static String sessionCookie(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("JSESSIONID=")).toList();
        assertEquals(1, cookies.size(), response.headers().allValues("Set-Cookie").toString());
        return cookies.get(0);
    }

    static String value(String setCookie) {
        int end = setCookie.indexOf(';');
        return setCookie.substring("JSESSIONID=".length(), end < 0 ? setCookie.length() : end);
    }
}
