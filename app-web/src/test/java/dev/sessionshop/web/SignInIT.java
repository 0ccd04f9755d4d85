package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.web.ShopClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signing in gives the session a new id (session fixation): the cart stays, the display name shows, and
 * the id from before sign-in names no session any more. Bad names and forged forms change nothing.
 */
class SignInIT extends OnDeployedShop {


    @BeforeEach
    void shopperWithACart() throws Exception {
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 2}");
    }

    @Test
    void apiSignInChangesTheIdKeepsTheCartAndKillsTheOldId() throws Exception {
        String before = sessionId();

        Reply reply = shopper.postJson("/api/signin", "{\"displayName\": \"  Ada \"}");

        assertEquals(200, reply.status(), reply.body());
        JsonObject session = reply.json().asJsonObject();
        String after = session.getString("sessionId");
        assertNotEquals(before, after, "sign-in must change the session id");
        assertEquals(after, cookie("JSESSIONID"), "the new id went out in Set-Cookie");
        assertEquals("Ada", session.getString("displayName"));
        assertEquals(2, session.getJsonObject("cart").getInt("itemCount"), "the cart survives sign-in");
        assertEquals("Ada", shopper.getJson("/api/session").json().asJsonObject().getString("displayName"));

        JsonObject withOldId = sessionWithCookie("JSESSIONID=" + before);
        assertEquals(JsonValue.NULL, withOldId.get("sessionId"), "the old id names no session: " + withOldId);
        assertEquals(JsonValue.NULL, withOldId.get("displayName"));
        assertEquals(0, withOldId.getJsonObject("cart").getInt("itemCount"));
    }

    @Test
    void notSignedInMeansDisplayNameNull() {
        assertEquals(JsonValue.NULL, shopper.getJson("/api/session").json().asJsonObject().get("displayName"));
        assertTrue(shopper.get("/").body().contains("id=\"panel-signin\""));
    }

    @Test
    void formSignInShowsTheNameInThePanelAndChangesTheId() {
        String before = sessionId();
        String csrf = shopper.csrfToken();

        Reply signedIn = shopper.postForm("/signin", Map.of("csrf", csrf, "displayName", "Grace <b>Hopper</b>"));

        assertEquals(302, signedIn.status(), signedIn.body());
        assertNotEquals(before, sessionId());
        Reply page = shopper.get("/");
        assertTrue(page.body().contains("signed in as <strong id=\"panel-user\">Grace &lt;b&gt;Hopper&lt;/b&gt;</strong>"),
                page.body());
        assertEquals(2, shopper.cart().getInt("itemCount"));
        assertTrue(shopper.get("/signin").body().contains("You are signed in as"));
    }

    @Test
    void formWithoutTheCsrfTokenIsForbiddenAndChangesNothing() {
        String before = sessionId();

        Reply reply = shopper.postForm("/signin", Map.of("displayName", "Mallory"));

        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("This form has expired or did not come from this shop"), reply.body());
        assertUnchanged(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "x1234567890123456789012345678901234567890", "Ada\u0000", "Ada\u202Eevil"})
    void badDisplayNameIsABadRequestAndChangesNothing(String name) {
        String before = sessionId();
        String csrf = shopper.csrfToken();

        Reply html = shopper.postForm("/signin", Map.of("csrf", csrf, "displayName", name));
        Reply json = shopper.postJson("/api/signin", jsonName(name));

        assertEquals(400, html.status(), html.body());
        assertTrue(html.body().contains("A display name is 1 to 40 printable characters."), html.body());
        assertEquals(400, json.status(), json.body());
        assertTrue(json.contentType().startsWith("application/problem+json"), json.contentType());
        assertTrue(json.json().asJsonObject().getString("detail").endsWith("A display name is 1 to 40 printable characters."));
        assertUnchanged(before);
    }

    @Test
    void jsonWithoutANameOrWithANumberIsABadRequest() {
        String before = sessionId();

        assertEquals(400, shopper.postJson("/api/signin", "{}").status());
        assertEquals(400, shopper.postJson("/api/signin", "{\"displayName\": 7}").status());
        assertEquals(400, shopper.postJson("/api/signin", "[\"Ada\"]").status());
        assertUnchanged(before);
    }

    @Test
    void signOutEndsTheSession() {
        shopper.postJson("/api/signin", "{\"displayName\": \"Ada\"}");
        String signedInId = sessionId();

        Reply reply = shopper.postJson("/api/signout", "");

        assertEquals(200, reply.status(), reply.body());
        assertEquals(JsonValue.NULL, reply.json().asJsonObject().get("sessionId"));
        assertEquals(JsonValue.NULL, sessionWithCookie("JSESSIONID=" + signedInId).get("sessionId"));
    }

    private void assertUnchanged(String sessionId) {
        JsonObject session = shopper.getJson("/api/session").json().asJsonObject();
        assertEquals(sessionId, session.getString("sessionId"), "the session id must not change");
        assertEquals(JsonValue.NULL, session.get("displayName"));
        assertEquals(2, session.getJsonObject("cart").getInt("itemCount"));
    }

    private String sessionId() {
        return shopper.getJson("/api/session").json().asJsonObject().getString("sessionId");
    }

    private String cookie(String name) {
        return shopper.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** GET /api/session from a client that has nothing but this Cookie header (say, a stolen or planted id). */
    private JsonObject sessionWithCookie(String cookieHeader) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(deploymentUrl.toURI().resolve("api/session"))
                            .header("Cookie", cookieHeader).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(response.body().isEmpty());
            return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String jsonName(String name) {
        return jakarta.json.Json.createObjectBuilder().add("displayName", name).build().toString();
    }
}
