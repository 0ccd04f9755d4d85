package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.web.ShopClient.Reply;
import jakarta.json.JsonObject;
import java.net.HttpCookie;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker sends and a browser never does (issue 18): a session id in the URL, JSON nested a
 * thousand levels deep, a charset the container cannot decode, a method the shop does not serve, a
 * sign-out without JSON. Each gets the shop's own page or problem document with a 4xx or 501, no stack
 * trace, no product name, no new session, and the shopper's cart stays as it was.
 */
class HostileRequestIT extends OnDeployedShop {

    private static final String URL_ID_MESSAGE = "A session id in the address is not accepted: the shop keeps the "
            + "session in a cookie only. Remove the ;jsessionid=… part of the address and try again.";
    private static final String CHARSET_MESSAGE = "The request's character set is not supported; send it in UTF-8.";
    private static final String METHOD_MESSAGE = "The shop does not serve requests of this method; it uses GET, POST, PUT and DELETE.";

    private JsonObject cartBefore;
    private ShopClient stranger;

    @BeforeEach
    void shopperWithTwoLinesAndAStrangerWithoutCookies() throws Exception {
        shopper.postJson("/api/cart/items", "{\"productId\": \"espresso-beans\", \"quantity\": 2}");
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}");
        cartBefore = shopper.cart();
        assertEquals(3, cartBefore.getInt("itemCount"));
        stranger = new ShopClient(deploymentUrl.toURI());
    }

    @Test
    void sessionIdInTheUrlFindsNoSessionAndChangesNothing() {
        String id = shopperSessionId();

        assertProblem(stranger.getJson("/api/cart;jsessionid=" + id), 400, URL_ID_MESSAGE);
        assertProblem(stranger.delete("/api/cart;jsessionid=" + id), 400, URL_ID_MESSAGE);
        assertProblem(stranger.getJson("/api/session;JSESSIONID=" + id), 400, URL_ID_MESSAGE);
        Reply page = stranger.get("/cart;jsessionid=" + id);
        assertHtmlError(page, 400, "A session id in the address is not accepted");
        assertTrue(page.body().contains("id=\"panel-session\">no session yet<"), "the page shows no session: " + page.body());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 2_048})
    void deeplyNestedJsonIsABadRequestOnEveryJsonEndpoint(int levels) {
        String json = "[".repeat(levels) + "]".repeat(levels);
        String message = "The request body is nested deeper than 16 levels.";

        assertProblem(shopper.postJson("/api/cart/items", json), 400, message);
        assertProblem(shopper.putJson("/api/cart/items/kettle", json), 400, message);
        assertProblem(shopper.postJson("/api/signin", json), 400, message);
        assertProblem(shopper.postJson("/api/cart/items", "{\"productId\": " + "[".repeat(3_999)), 400, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live?probe=1", "/health/ready?probe=1"})
    void healthWithAQueryInUtf16IsABadRequest(String path) {
        Reply reply = stranger.send("GET", path, Map.of("Content-Type", "text/plain; charset=utf-16"), null);

        assertHtmlError(reply, 400, CHARSET_MESSAGE.replace("'", "&#039;"));
    }

    @Test
    void formOrJsonDeclaredUtf16IsABadRequest() {
        String csrf = shopper.csrfToken();

        assertHtmlError(shopper.send("POST", "/signin?from=probe",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-16"), "csrf=" + csrf + "&displayName=Ada"),
                400, CHARSET_MESSAGE.replace("'", "&#039;"));
        assertProblem(shopper.send("POST", "/api/cart/items?from=probe",
                Map.of("Content-Type", "application/json; charset=UTF-16"), "{\"productId\": \"kettle\", \"quantity\": 1}"),
                400, CHARSET_MESSAGE);
        assertTrue(shopper.getJson("/api/session").json().asJsonObject().isNull("displayName"), "nobody signed in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "PROPFIND", "BREW"})
    void methodTheShopDoesNotServeGetsTheShopsOwnPage(String method) {
        for (String path : new String[] {"/", "/cart", "/css/shop.css", "/no/such/page"}) {
            assertHtmlError(stranger.send(method, path, Map.of(), null), 501, METHOD_MESSAGE);
        }
        assertProblem(stranger.send(method, "/api/cart", Map.of(), null), 501, METHOD_MESSAGE);
        assertProblem(shopper.send(method, "/api/cart/items/kettle", Map.of("Content-Type", "application/json"),
                "{\"quantity\": 5}"), 501, METHOD_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""})
    void signOutWithoutJsonIsRefusedAndTheSessionLives(String contentType) {
        String id = shopperSessionId();
        Map<String, String> headers = contentType.isEmpty() ? Map.of() : Map.of("Content-Type", contentType);

        assertProblem(shopper.send("POST", "/api/signout", headers, contentType.isEmpty() ? null : "x"), 415, null);

        assertEquals(id, shopperSessionId(), "a cross-site sign-out must not end the session");
    }

    @Test
    void signOutWithJsonStillEndsTheSession() {
        Reply reply = shopper.postJson("/api/signout", "");

        assertEquals(200, reply.status(), reply.body());
        assertTrue(shopper.getJson("/api/session").json().asJsonObject().isNull("sessionId"));
    }

    private String shopperSessionId() {
        return shopper.getJson("/api/session").json().asJsonObject().getString("sessionId");
    }

    private void assertProblem(Reply reply, int status, String detail) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonObject problem = reply.json().asJsonObject();
        assertEquals(status, problem.getInt("status"));
        if (detail != null) {
            assertEquals(detail, problem.getString("detail"));
        }
        assertHarmless(reply);
    }

    private void assertHtmlError(Reply reply, int status, String message) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("text/html"), reply.contentType());
        assertTrue(reply.body().contains("id=\"error-message\">" + message), reply.body());
        assertTrue(reply.body().contains("id=\"panel-instance\">shop-it<"), "the shop's own page, with its session panel");
        assertHarmless(reply);
    }

    /** No stack trace, no product name, no new session, and the shopper's cart as it was. */
    private void assertHarmless(Reply reply) {
        assertFalse(reply.body().contains("Exception") || reply.body().matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"),
                reply.body());
        for (String product : new String[] {"Payara", "GlassFish", "Grizzly"}) {
            assertFalse(reply.body().contains(product), product + " named in " + reply.body());
        }
        // (The version cookie of a session the shopper already has may move on; only a new id is a new session.)
        assertTrue(reply.response().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID=")),
                "a refused request gets no new session: " + reply.response().headers().allValues("Set-Cookie"));
        assertTrue(stranger.cookies().getCookieStore().getCookies().stream().map(HttpCookie::getName)
                .noneMatch(name -> name.equals("JSESSIONID")), "the stranger has no session");
        assertEquals(cartBefore, shopper.cart(), "the cart must not change");
    }
}
