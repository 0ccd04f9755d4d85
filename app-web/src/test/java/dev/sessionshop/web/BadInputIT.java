package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.web.ShopClient.Reply;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad input gets the right status and a clear message, in JSON and in HTML, and leaves the cart
 * exactly as it was. Each test starts from a cart with two lines and compares it afterwards.
 */
class BadInputIT extends OnDeployedShop {

    private JsonObject cartBefore;

    @BeforeEach
    void shopperWithTwoLines() throws Exception {
        shopper.postJson("/api/cart/items", "{\"productId\": \"espresso-beans\", \"quantity\": 2}");
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}");
        cartBefore = shopper.cart();
        assertEquals(3, cartBefore.getInt("itemCount"));
    }

    // --- JSON API ---

    @Test
    void unknownProductIsNotFound() {
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"unicorn\", \"quantity\": 1}"),
                404, "There is no product with id 'unicorn'.");
        assertProblem(shopper.putJson("/api/cart/items/unicorn", "{\"quantity\": 1}"),
                404, "There is no product with id 'unicorn'.");
        assertProblem(shopper.getJson("/api/products/unicorn"), 404, "There is no product with id 'unicorn'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "ünïcode", "12345678901234567890123456789012345678901234567890123456789012345"})
    void malformedIdempotencyKeyIsABadRequest(String key) {
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}", "Idempotency-Key", key),
                400, "The Idempotency-Key header must be 1 to 64 letters, digits, '-' or '_' (a UUID will do).");
    }

    @Test
    void idempotencyKeyUsedForAnotherChangeIsRefused() {
        Reply first = shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}", "Idempotency-Key", "k1");
        assertEquals(200, first.status(), first.body());
        cartBefore = shopper.cart();
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 3}", "Idempotency-Key", "k1"),
                422, "This Idempotency-Key was already used for another change of this cart; send a new key for a new change.");
    }

    @Test
    void missingQuantityIsABadRequest() {
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\"}"),
                400, "A quantity is required: a whole number from 1 to 99.");
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": null}"),
                400, "A quantity is required: a whole number from 1 to 99.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"two\"", "2.5", "true", "{}", "[1]", "1e400"})
    void quantityThatIsNotAnIntegerIsABadRequest(String quantity) {
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": " + quantity + "}"),
                400, "The quantity must be a whole number from 1 to 99.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3, 100, 5000})
    void quantityOutsideOneToNinetyNineIsABadRequest(int quantity) {
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": " + quantity + "}"),
                400, "Quantity " + quantity + " is out of range; use a number from 1 to 99.");
        assertProblem(shopper.putJson("/api/cart/items/kettle", "{\"quantity\": " + quantity + "}"),
                400, "Quantity " + quantity + " is out of range; use a number from 1 to 99.");
    }

    @Test
    void lineThatIsNotInTheCartIsNotFound() {
        assertProblem(shopper.putJson("/api/cart/items/teapot", "{\"quantity\": 2}"), 404, "Glass Teapot is not in your cart.");
        assertProblem(shopper.delete("/api/cart/items/teapot"), 404, "Glass Teapot is not in your cart.");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Reply truncated = shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quan");
        assertProblem(truncated, 400, null);
        assertTrue(problemDetail(truncated).startsWith("The request body is not valid JSON"), truncated.body());
        assertProblem(shopper.postJson("/api/cart/items", "[\"kettle\", 1]"), 400, "The request body must be a JSON object.");
        assertProblem(shopper.postJson("/api/cart/items", ""), 400, "The request body is empty; send a JSON object.");
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": 7, \"quantity\": 1}"),
                400, "The productId must be a non-empty string.");
    }

    @Test
    void oversizedJsonIsABadRequest() {
        String padding = "x".repeat(20_000);
        Reply reply = shopper.postJson("/api/cart/items",
                "{\"productId\": \"kettle\", \"quantity\": 1, \"note\": \"" + padding + "\"}");

        assertProblem(reply, 400, "The request body is larger than 4096 bytes.");
    }

    @Test
    void wrongContentTypeIsRefused() {
        Reply reply = shopper.postForm("/api/cart/items", Map.of("productId", "kettle", "quantity", "1"));

        assertProblem(reply, 415, null);
    }

    @Test
    void unknownApiPathIsAJsonNotFound() {
        assertProblem(shopper.getJson("/api/no-such-thing"), 404, "There is nothing at this address.");
    }

    @Test
    void apiPublishesNoGeneratedWadl() {
        assertProblem(shopper.getJson("/api/application.wadl"), 404, "There is nothing at this address.");
    }

    // --- HTML pages and forms ---

    @Test
    void unknownPageIsARealNotFoundPage() {
        Reply reply = shopper.get("/no/such/page");

        assertHtmlError(reply, 404, "There is nothing at this address.");
        assertHtmlError(shopper.get("/products/unicorn"), 404, "There is no such product in the shop.");
    }

    @Test
    void formWithoutTheCsrfTokenIsForbiddenAndChangesNothing() {
        assertHtmlError(shopper.postForm("/cart/add", Map.of("productId", "teapot", "quantity", "1")),
                403, "This form has expired or did not come from this shop");
        assertHtmlError(shopper.postForm("/cart/empty", Map.of("csrf", "forged-token")),
                403, "This form has expired or did not come from this shop");
    }

    @Test
    void formWithABadQuantityIsABadRequest() {
        String csrf = shopper.csrfToken();

        assertHtmlError(shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "teapot", "quantity", "lots")),
                400, "Quantity &#039;lots&#039; is not a whole number; use a number from 1 to 99.");
        assertHtmlError(shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "teapot")),
                400, "A quantity is required: a whole number from 1 to 99.");
        assertHtmlError(shopper.postForm("/cart/update", Map.of("csrf", csrf, "productId", "kettle", "quantity", "100")),
                400, "Quantity 100 is out of range; use a number from 1 to 99.");
        assertHtmlError(shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "kettle", "quantity", "99")),
                400, "That would make 100 of Gooseneck Kettle; a cart line holds at most 99.");
    }

    @Test
    void formForAnUnknownProductOrMissingLineIsNotFound() {
        String csrf = shopper.csrfToken();

        assertHtmlError(shopper.postForm("/cart/add", Map.of("csrf", csrf, "productId", "<b>unicorn</b>", "quantity", "1")),
                404, "There is no product with id &#039;&lt;b&gt;unicorn&lt;/b&gt;&#039;.");
        assertHtmlError(shopper.postForm("/cart/remove", Map.of("csrf", csrf, "productId", "teapot")),
                404, "Glass Teapot is not in your cart.");
    }

    @Test
    void wrongMethodIsRefusedWithAPage() {
        assertHtmlError(shopper.get("/cart/add"), 405, "This address does not accept that kind of request.");
    }

    private void assertProblem(Reply reply, int status, String detail) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonObject problem = reply.json().asJsonObject();
        assertEquals(status, problem.getInt("status"));
        if (detail != null) {
            assertEquals(detail, problem.getString("detail"));
        }
        assertNoStackTrace(reply);
        assertEquals(cartBefore, shopper.cart(), "the cart must not change");
    }

    private void assertHtmlError(Reply reply, int status, String message) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("text/html"), reply.contentType());
        assertTrue(reply.body().contains("id=\"error-message\">" + message), reply.body());
        assertTrue(reply.body().contains("id=\"panel-instance\">shop-it<"), "error pages show the session panel");
        assertNoStackTrace(reply);
        assertEquals(cartBefore, shopper.cart(), "the cart must not change");
    }

    private static String problemDetail(Reply reply) {
        return reply.json().asJsonObject().getString("detail");
    }

    private static void assertNoStackTrace(Reply reply) {
        assertFalse(reply.body().contains("Exception"), reply.body());
        assertFalse(reply.body().matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"), reply.body());
    }
}
