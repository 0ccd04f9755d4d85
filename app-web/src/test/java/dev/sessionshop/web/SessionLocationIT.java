package dev.sessionshop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.web.ShopClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * "Where is my session?" on one instance with the default strategy (sticky, no data grid): the session is
 * in the memory of the instance that answered and nowhere else; without a session the page and the JSON say
 * so and do not create one. The clustering and external answers are checked end to end in the deployment
 * module (ClusteringIT, ExternalIT).
 */
class SessionLocationIT extends OnDeployedShop {


    @Test
    void withoutASessionTheJsonSaysSoAndCreatesNone() {
        Reply reply = shopper.getJson("/api/session/location");
        JsonObject where = reply.json().asJsonObject();

        assertEquals(200, reply.status(), reply.body());
        assertEquals("shop-it", where.getString("instance"));
        assertEquals("sticky", where.getString("strategy"));
        assertEquals(JsonValue.NULL, where.get("sessionId"));
        assertTrue(where.getString("summary").startsWith("You have no session yet"), where.getString("summary"));
        assertFalse(where.containsKey("memory"), "no location without a session");
        assertNoSessionCreated(reply);
        assertEquals(JsonValue.NULL, shopper.getJson("/api/session").json().asJsonObject().get("sessionId"));
    }

    @Test
    void withoutASessionThePageSaysSoAndCreatesNone() {
        Reply page = shopper.get("/session");

        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<h1>Where is my session?</h1>"), page.body());
        assertTrue(page.body().contains("id=\"location-none\""), page.body());
        assertTrue(page.body().contains("You have no session yet"), page.body());
        assertTrue(page.body().contains("id=\"panel-session\">no session yet<"), "the panel agrees");
        assertNoSessionCreated(page);
    }

    @Test
    void stickySessionLivesOnlyInTheMemoryOfTheAnsweringInstance() {
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}");
        String sessionId = shopper.getJson("/api/session").json().asJsonObject().getString("sessionId");

        JsonObject where = shopper.getJson("/api/session/location").json().asJsonObject();

        assertEquals(sessionId, where.getString("sessionId"));
        assertEquals("shop-it", where.getJsonObject("memory").getString("instance"));
        assertTrue(where.getJsonObject("memory").getBoolean("onlyCopy"));
        assertTrue(where.getString("summary").contains("no other instance has it"), where.getString("summary"));
        assertEquals(0, where.getJsonArray("gridMembers").size(), "no data grid with --nohazelcast");
        assertFalse(where.containsKey("grid"));
        assertFalse(where.containsKey("redis"));
    }

    @Test
    void stickyPageNamesTheInstanceAndSaysNoOtherHasIt() {
        shopper.postJson("/api/cart/items", "{\"productId\": \"kettle\", \"quantity\": 1}");

        Reply page = shopper.get("/session");

        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"location-memory\">shop-it<"), page.body());
        assertTrue(page.body().contains("id=\"location-copies\">none: no other instance has this session<"), page.body());
    }

    @Test
    void clusterViewWithoutConfiguredPeersShowsOnlyThisInstance() {
        JsonObject cluster = shopper.getJson("/api/session/location").json().asJsonObject().getJsonObject("cluster");
        JsonArray instances = cluster.getJsonArray("instances");

        assertFalse(cluster.getBoolean("configured"));
        assertEquals(1, instances.size(), instances.toString());
        JsonObject self = instances.getJsonObject(0);
        assertEquals("shop-it", self.getString("name"));
        assertTrue(self.getBoolean("up"));
        assertTrue(self.getBoolean("servedThisRequest"));
        Reply page = shopper.get("/session");
        assertTrue(page.body().contains("data-instance=\"shop-it\""), page.body());
        assertTrue(page.body().contains("served this request"), page.body());
    }

    @Test
    void everyPageLinksToTheSessionPage() {
        assertTrue(shopper.get("/").body().contains("href=\"/session\">Where is my session?</a>"));
    }

    private void assertNoSessionCreated(Reply reply) {
        assertTrue(reply.response().headers().allValues("Set-Cookie").isEmpty(),
                "no cookie may be set: " + reply.response().headers().allValues("Set-Cookie"));
        assertTrue(shopper.cookies().getCookieStore().getCookies().isEmpty(), "no cookie in the jar");
    }
}
