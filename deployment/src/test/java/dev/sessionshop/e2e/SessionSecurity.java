package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Session fixation and the Secure flag, on every strategy: signing in gives the session a new id and the
 * old one names nothing on any instance; only nginx decides whether the client used https.
 */
final class SessionSecurity {

    private SessionSecurity() {
    }

    /**
     * A shopper with a cart signs in ({@code POST /api/signin}): the id changes, the cart and the name are
     * there on every instance that serves it, and a client holding only the old cookie(s) gets no session
     * on any instance.
     *
     * @param cookieName JSESSIONID (sticky, clustering) or SHOPSESSION (external)
     */
    static void signInChangesTheIdAndKillsTheOldOne(Topology shop, String cookieName) {
        ShopClient shopper = shop.client();
        Carts.add(shopper, "kettle", 2);
        String oldId = Carts.sessionIdOf(shopper.cookie(cookieName).orElseThrow());
        // What a thief or a fixation attacker holds: every cookie the shopper had before signing in.
        String oldCookies = cookieHeader(shopper);

        ShopClient.Reply reply = shopper.postJson("api/signin", "{\"displayName\": \"Ada\"}");

        assertEquals(200, reply.status(), reply.body());
        JsonObject session = reply.json();
        String newId = session.getString("sessionId");
        assertNotEquals(oldId, newId, "sign-in must change the session id");
        assertEquals(newId, Carts.sessionIdOf(shopper.cookie(cookieName).orElseThrow()), "the new id went out in Set-Cookie");
        assertEquals("Ada", session.getString("displayName"));
        assertEquals(2, session.getJsonObject("cart").getInt("itemCount"), "the cart survives sign-in");
        // Round robin spreads these over the instances (sticky keeps them on one): each must know the shopper.
        for (int request = 0; request < 6; request++) {
            JsonObject seen = awaitSignedIn(shopper, Duration.ofSeconds(5));
            assertEquals(newId, seen.getString("sessionId"));
            assertEquals(2, seen.getJsonObject("cart").getInt("itemCount"));
        }

        ShopClient thief = shop.client();
        for (int request = 0; request < 6; request++) {
            ShopClient.Reply withOld = thief.getWithCookie("api/session", oldCookies);
            assertEquals(200, withOld.status(), withOld.body());
            JsonObject stolen = parse(withOld.body());
            assertTrue(stolen.isNull("sessionId") || !List.of(oldId, newId).contains(stolen.getString("sessionId")),
                    "the old id must name no session on " + withOld.instance() + ": " + stolen);
            assertTrue(stolen.isNull("displayName"), "the old id must not be signed in on " + withOld.instance());
            assertEquals(0, stolen.getJsonObject("cart").getInt("itemCount"), "nor carry the cart, on " + withOld.instance());
        }
    }

    /**
     * nginx replaces a client's {@code X-Forwarded-Proto} with its own scheme (http here), so claiming https
     * through nginx gives no Secure cookie; the trusted proxy's own https (simulated from 127.0.0.1 straight
     * to an instance) does.
     */
    static void sessionCookieIsSecureOnlyWhenTheTrustedProxySaysHttps(Topology shop, String cookieName) {
        String throughNginx = newSessionCookie(Topology.SHOP, cookieName, "https");
        assertFalse(throughNginx.contains("Secure"), "a client cannot claim https through nginx: " + throughNginx);
        assertTrue(throughNginx.contains("HttpOnly"), throughNginx);
        assertTrue(throughNginx.toLowerCase().contains("samesite=lax"), throughNginx);

        String fromTrustedProxy = newSessionCookie(Topology.instance(1), cookieName, "https");
        assertTrue(fromTrustedProxy.contains("Secure"), "https said by the trusted proxy: " + fromTrustedProxy);
        assertFalse(newSessionCookie(Topology.instance(1), cookieName, null).contains("Secure"));
    }

    private static String newSessionCookie(URI base, String cookieName, String forwardedProto) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/cart/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": \"kettle\", \"quantity\": 1}"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.headers().allValues("Set-Cookie").stream()
                    .filter(header -> header.startsWith(cookieName + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + cookieName + " in " + response.headers().map()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A just-replicated session may reach another instance a moment later (clustering): poll briefly. */
    private static JsonObject awaitSignedIn(ShopClient shopper, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        JsonObject seen;
        do {
            seen = shopper.getJson("api/session").json();
            if (!seen.isNull("displayName") && seen.getString("displayName").equals("Ada")) {
                return seen;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("not signed in as Ada after " + patience + ": " + seen);
    }

    private static String cookieHeader(ShopClient client) {
        return client.cookies().getCookieStore().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    private static JsonObject parse(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
