package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;

/** Small steps the strategy tests share: fill a cart, read it back, check a session answer. */
final class Carts {

    private Carts() {
    }

    /** Adds {@code quantity} of a product through nginx and returns the instance that took the change. */
    static String add(ShopClient client, String productId, int quantity) {
        ShopClient.Reply reply = client.postJson("api/cart/items",
                "{\"productId\": \"" + productId + "\", \"quantity\": " + quantity + "}");
        assertEquals(200, reply.status(), reply.body());
        return reply.instance();
    }

    /** {@code GET /api/session}, asserted to answer 200. */
    static Session session(ShopClient client) {
        ShopClient.Reply reply = client.getJson("api/session");
        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();
        return new Session(reply.instance(), json.isNull("sessionId") ? null : json.getString("sessionId"),
                json.getJsonObject("cart").getInt("itemCount"));
    }

    /** {@code GET /api/session/location}: where the answering instance says the session is kept. */
    static ShopClient.Reply location(ShopClient client) {
        ShopClient.Reply reply = client.getJson("api/session/location");
        assertEquals(200, reply.status(), reply.body());
        return reply;
    }

    /** What one {@code GET /api/session} said: who answered, which session, how many items in its cart. */
    /**
     * The session id a cookie names: its value without the route Payara appends for the route-cookie
     * strategies ({@code <id>.shop-2}); the shop reports the id without it.
     */
    static String sessionIdOf(String cookieValue) {
        return cookieValue.replaceFirst("\\.shop-[0-9]+$", "");
    }

    record Session(String instance, String sessionId, int itemCount) {
    }

    /**
     * A request carrying a forged, a malformed or an overlong session cookie gets a normal page and a
     * fresh session, on every strategy; the bad value is never taken as a session id. Checked on the
     * answer itself (its Set-Cookie and its session panel): a second request could reach another
     * instance before a new clustered session is replicated, which is another lesson (the labs').
     */
    static void forgedMalformedAndOverlongCookiesGetAFreshSession(Topology shop, String cookieName) {
        for (String bad : List.of(
                "0123456789abcdef0123456789ab",                    // well-formed, but no such session
                "not-a-session-%7B%22id%22%3A1%7D",                // not the id alphabet
                "x".repeat(3000))) {                               // overlong
            ShopClient client = shop.client();

            ShopClient.Reply page = client.getWithCookie("", cookieName + "=" + bad);

            String shown = bad.substring(0, Math.min(bad.length(), 20));
            assertEquals(200, page.status(), "with " + shown + ": " + page.body());
            String fresh = client.cookie(cookieName).orElseThrow(
                    () -> new AssertionError("no new " + cookieName + " cookie with " + shown));
            assertNotEquals(bad, fresh, "a fresh session id, not the forged one");
            assertTrue(page.body().contains("id=\"panel-session\">" + fresh.substring(0, 8)),
                    "the page shows the fresh session " + fresh.substring(0, 8) + ", not " + shown);
            assertTrue(page.body().contains("id=\"panel-requests\">1<"), "a new session, first request");
        }
    }
}
