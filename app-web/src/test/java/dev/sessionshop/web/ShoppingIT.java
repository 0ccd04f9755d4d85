package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.web.ShopClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browsing and shopping through HTTP, on a managed Payara Micro running the built WAR. */
class ShoppingIT extends OnDeployedShop {


    @Test
    void shopIsServedAtTheRootPath() {
        assertEquals("/", deploymentUrl.getPath());
        assertEquals(200, shopper.get("/").status());
    }

    @Test
    void productListShowsTheCatalogWithShippedPictures() {
        Reply page = shopper.get("/");

        assertEquals(200, page.status());
        assertTrue(page.body().contains("Espresso Beans"), page.body());
        assertTrue(page.body().contains("/images/products/espresso-beans.svg"));
        Reply picture = shopper.get("/images/products/espresso-beans.svg");
        assertEquals(200, picture.status());
        assertTrue(picture.contentType().startsWith("image/svg+xml"));
        assertTrue(picture.body().startsWith("<svg"));
    }

    @Test
    void productPageShowsNameDescriptionAndPrice() {
        Reply page = shopper.get("/products/hand-grinder");

        assertEquals(200, page.status());
        assertTrue(page.body().contains("Hand Grinder"));
        assertTrue(page.body().contains("Steel burrs"));
        assertTrue(page.body().contains("69.00 EUR"));
    }

    @Test
    void sessionPanelShowsInstanceStrategyAndCountsRequests() {
        Reply first = shopper.get("/");
        Reply second = shopper.get("/cart");

        assertTrue(first.body().contains("id=\"panel-instance\">shop-it<"), first.body());
        assertTrue(first.body().contains("id=\"panel-strategy\">sticky<"));
        assertTrue(first.body().contains("id=\"panel-requests\">1<"));
        assertTrue(second.body().contains("id=\"panel-requests\">2<"), second.body());
        assertEquals("shop-it", second.header("X-Shop-Instance"));
    }

    @Test
    void apiListsProductsWithIdsAndPrices() {
        JsonArray products = shopper.getJson("/api/products").json().asJsonArray();

        assertTrue(products.size() >= 12);
        JsonObject beans = products.getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals("espresso-beans")).findFirst().orElseThrow();
        assertEquals("14.50", beans.getString("price"));
        assertEquals("EUR", beans.getString("currency"));
    }

    @Test
    void aChangeThatIsRefusedOrChangesNothingLeavesNoSessionBehind() {
        // given: a client without a session; when: changes that are refused, or that change nothing
        Reply unknownProduct = shopper.postJson("/api/cart/items", "{\"productId\": \"no-such-thing\", \"quantity\": 1}");
        Reply lineNotInCart = shopper.putJson("/api/cart/items/kettle", "{\"quantity\": 2}");
        Reply removeMissingLine = shopper.delete("/api/cart/items/kettle");
        Reply emptyTheEmptyCart = shopper.delete("/api/cart");

        // then: each gets its answer, and none of them created a session (no cookie, nothing in a store)
        assertEquals(404, unknownProduct.status());
        assertEquals(404, lineNotInCart.status());
        assertEquals(404, removeMissingLine.status());
        assertEquals(200, emptyTheEmptyCart.status());
        for (Reply reply : new Reply[] {unknownProduct, lineNotInCart, removeMissingLine, emptyTheEmptyCart}) {
            assertTrue(reply.response().headers().allValues("Set-Cookie").isEmpty(), reply.response().headers().map().toString());
        }
        assertTrue(shopper.cookies().getCookieStore().getCookies().isEmpty());
        assertEquals(JsonValue.NULL, shopper.getJson("/api/session").json().asJsonObject().get("sessionId"));
    }

    @Test
    void apiSessionDoesNotCreateASession() {
        Reply reply = shopper.getJson("/api/session");
        JsonObject session = reply.json().asJsonObject();

        assertEquals(200, reply.status());
        assertEquals("shop-it", session.getString("instance"));
        assertEquals("sticky", session.getString("strategy"));
        assertEquals(JsonValue.NULL, session.get("sessionId"));
        assertEquals(0, session.getJsonObject("cart").getJsonArray("lines").size());
        assertTrue(shopper.cookies().getCookieStore().getCookies().isEmpty(), "no cookie may be set");
        assertTrue(reply.response().headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void apiSessionDescribesAnExistingSession() {
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 2}");

        JsonObject session = shopper.getJson("/api/session").json().asJsonObject();

        assertNotNull(session.getString("sessionId"));
        assertFalse(session.getString("createdAt").isBlank());
        assertEquals(2, session.getInt("requestCount"));
        assertEquals(2, session.getJsonObject("cart").getInt("itemCount"));
    }

    @Test
    void apiAddsChangesRemovesAndEmpties() {
        JsonObject added = shopper.postJson("/api/cart/items", "{\"productId\": \"espresso-beans\", \"quantity\": 2}")
                .json().asJsonObject();
        assertEquals(2, added.getInt("itemCount"));
        assertEquals("29.00", added.getString("subtotal"));

        shopper.postJson("/api/cart/items", "{\"productId\": \"stoneware-mug\", \"quantity\": 1}");
        JsonObject changed = shopper.putJson("/api/cart/items/espresso-beans", "{\"quantity\": 3}").json().asJsonObject();
        assertEquals(4, changed.getInt("itemCount"));
        assertEquals("61.50", changed.getString("subtotal"));
        assertEquals("43.50", changed.getJsonArray("lines").getJsonObject(0).getString("lineTotal"));

        JsonObject removed = shopper.delete("/api/cart/items/stoneware-mug").json().asJsonObject();
        assertEquals(1, removed.getJsonArray("lines").size());

        JsonObject emptied = shopper.delete("/api/cart").json().asJsonObject();
        assertEquals(0, emptied.getInt("itemCount"));
        assertEquals(emptied, shopper.cart());
    }

    @Test
    void anAdditionSentAgainWithItsIdempotencyKeyIsAppliedOnce() {
        String add = "{\"productId\": \"kettle\", \"quantity\": 2}";
        Reply first = shopper.postJson("/api/cart/items", add, "Idempotency-Key", "9b2f6c1e-first");
        assertEquals(200, first.status(), first.body());
        assertEquals(null, first.header("Idempotent-Replayed"));
        assertEquals(2, first.json().asJsonObject().getInt("itemCount"));

        // What nginx sends to another instance when the first died before answering: the same request.
        Reply again = shopper.postJson("/api/cart/items", add, "Idempotency-Key", "9b2f6c1e-first");
        assertEquals(200, again.status(), again.body());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(2, again.json().asJsonObject().getInt("itemCount"), "the second one must not add again");

        Reply another = shopper.postJson("/api/cart/items", add, "Idempotency-Key", "9b2f6c1e-second");
        assertEquals(4, another.json().asJsonObject().getInt("itemCount"), "a new key is a new addition");
        assertEquals(null, another.header("Idempotent-Replayed"));
        assertEquals(4, shopper.cart().getInt("itemCount"));
    }

    @Test
    void theSessionForgetsAllButItsLatestIdempotencyKeys() {
        String add = "{\"productId\": \"kettle\", \"quantity\": 1}";
        for (int i = 0; i < 17; i++) {
            assertEquals(200, shopper.postJson("/api/cart/items", add, "Idempotency-Key", "key-" + i).status());
        }
        assertEquals(17, shopper.cart().getInt("itemCount"));
        // The newest 16 are remembered; the first one fell out, so it counts as a new addition.
        assertEquals("true", shopper.postJson("/api/cart/items", add, "Idempotency-Key", "key-1").header("Idempotent-Replayed"));
        assertEquals(17, shopper.cart().getInt("itemCount"));
        assertEquals(null, shopper.postJson("/api/cart/items", add, "Idempotency-Key", "key-0").header("Idempotent-Replayed"));
        assertEquals(18, shopper.cart().getInt("itemCount"));
    }

    @Test
    void htmlFormsAddChangeRemoveAndEmpty() {
        String csrf = shopper.csrfToken();

        Reply added = shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "teapot", "quantity", "2"));
        assertEquals(302, added.status());
        assertTrue(added.header("Location").endsWith("/cart"));
        shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "green-tea", "quantity", "1"));
        shopper.postForm("/cart/update", Map.of("csrf", csrf, "productId", "teapot", "quantity", "3"));
        Reply page = shopper.get("/cart");
        assertTrue(page.body().contains("Glass Teapot"));
        assertTrue(page.body().contains("id=\"cart-subtotal\">96.80 EUR<"), page.body());

        shopper.postForm("/cart/remove", Map.of("csrf", csrf, "productId", "teapot"));
        assertEquals(1, shopper.cart().getInt("itemCount"));
        shopper.postForm("/cart/empty", Map.of("csrf", csrf));
        assertTrue(shopper.get("/cart").body().contains("id=\"cart-empty\""));
    }

    @Test
    void healthEndpointsReportReadyAndLive() {
        Reply ready = shopper.get("/health/ready");
        Reply live = shopper.get("/health/live");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("catalog"), ready.body());
        assertEquals(200, live.status(), live.body());
    }

    /** Labs fire requests at other instances and plant broken values: off unless the deployment says so. */
    @Test
    void labsAreOffUnlessTheDeploymentSwitchesThemOn() {
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}");
        JsonObject cartBefore = shopper.cart();

        for (String path : new String[] {"/api/labs/in-place", "/api/labs/concurrent", "/api/labs/version-cookie", "/api/labs/basket"}) {
            Reply refused = shopper.postJson(path, "{\"change\": \"reset\"}");
            assertEquals(403, refused.status(), path + ": " + refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), path);
            assertTrue(((JsonObject) refused.json()).getString("detail").contains("SHOP_LABS_ENABLED=true"), refused.body());
        }
        for (String path : new String[] {"/api/labs/peek", "/api/labs/ip-hash", "/api/labs/failover"}) {
            assertEquals(403, shopper.getJson(path).status(), path);
        }
        Reply page = shopper.get("/labs");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"labs-off\""), "the page says the labs are off: " + page.body());
        assertTrue(page.body().contains("disabled"), "and its buttons are disabled");
        assertEquals(cartBefore, shopper.cart(), "a refused lab changes nothing");
    }
}
