package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.Set;

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

    /** What one {@code GET /api/session} said: who answered, which session, how many items in its cart. */
    record Session(String instance, String sessionId, int itemCount) {
    }

    /**
     * A request carrying a forged, a malformed or an overlong session cookie gets a normal page and a
     * fresh session, on every strategy; the bad value is never taken as a session id.
     */
    static void forgedMalformedAndOverlongCookiesGetAFreshSession(Topology shop, String cookieName) {
        for (String bad : Set.of(
                "0123456789abcdef0123456789ab",                    // well-formed, but no such session
                "not-a-session-%7B%22id%22%3A1%7D",                // not the id alphabet
                "x".repeat(3000))) {                               // overlong
            ShopClient client = shop.client();

            ShopClient.Reply page = client.getWithCookie("", cookieName + "=" + bad);

            assertEquals(200, page.status(), page.body());
            assertEquals(true, page.body().contains("id=\"panel-instance\""), "a normal shop page");
            Session session = session(client);
            assertEquals(true, session.sessionId() != null && !session.sessionId().equals(bad),
                    "a fresh session, not " + bad.substring(0, Math.min(bad.length(), 20)));
            assertEquals(0, session.itemCount());
        }
    }
}
