package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
import jakarta.json.JsonObject;
import java.net.HttpCookie;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sticky-cookie: the instance that creates a session puts its route at the end of the session id
 * (Payara's jvmRoute: {@code JSESSIONID=<id>.shop-2}), nginx routes by it, and the session lives in that
 * instance's memory. What ip_hash cannot do: follow the user rather than the network.
 */
@ShopTopology(Strategy.STICKY_COOKIE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StickyCookieIT implements SessionContract {

    private static final String[] PRODUCTS = {"espresso-beans", "green-tea", "stoneware-mug", "kettle"};
    private static final List<PinnedShopper> SHOPPERS = new ArrayList<>();


    @Test
    @Order(10)
    void twelveClientsBehindOneNetworkSpreadOverTheInstancesAndEachStaysOnItsOwn() {
        // given: one office behind one NAT: every client has an address in the same /24
        for (int i = 0; i < 12; i++) {
            ShopClient client = new ShopClient(Topology.SHOP, "10.88.1." + (10 + i));
            int quantity = 1 + i % 3;
            String instance = Carts.add(client, PRODUCTS[i % PRODUCTS.length], quantity);
            String sessionId = Carts.session(client).sessionId();
            // then: each one stays on the instance that made its session, which put its route in the cookie
            assertTrue(client.cookie("JSESSIONID").orElseThrow().endsWith("." + instance),
                    "the session id names its instance: " + client.cookie("JSESSIONID"));
            for (int request = 0; request < 5; request++) {
                assertEquals(new Session(instance, sessionId, quantity), Carts.session(client), "request " + request);
            }
            SHOPPERS.add(new PinnedShopper(client, instance, quantity));
        }
        Set<String> used = new HashSet<>();
        SHOPPERS.forEach(shopper -> used.add(shopper.instance()));
        assertEquals(3, used.size(), "one /24, yet the first requests went round robin: " + used);
    }

    @Test
    @Order(13)
    void lab4RequestsWithoutARouteFromOneNetworkReachEveryInstance(Topology shop) {
        assertTrue(LabRuns.ipHashInstances(shop, true, 8).size() >= 2, "the network does not pick the instance");
    }

    @Test
    @Order(11)
    void aClientThatChangesItsNetworkKeepsItsInstanceAndCart() {
        PinnedShopper shopper = SHOPPERS.get(1);
        // the same browser, its cookies, now from another network (a phone leaving the office Wi-Fi)
        ShopClient moved = new ShopClient(Topology.SHOP, "10.99.7.42");
        for (HttpCookie cookie : shopper.client().cookies().getCookieStore().getCookies()) {
            moved.cookies().getCookieStore().add(Topology.SHOP, cookie);
        }

        Session session = Carts.session(moved);

        assertEquals(shopper.instance(), session.instance());
        assertEquals(shopper.items(), session.itemCount());
    }

    @Test
    @Order(12)
    void lab2ConcurrentRequestsOfOneSessionLoseNoUpdateOnItsInstance(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "concurrent");

        assertEquals(LabRuns.CONCURRENT_REQUESTS, lab.number("acknowledged"), lab.toString());
        assertEquals(0, lab.number("lostUpdates"), "one instance, one lock per session: " + lab);
    }

    @Test
    @Order(18)
    void aForgedRouteLandsOnThatInstanceWithoutASession(Topology shop) {
        // A route is a hint, not a credential: a made-up id with shop-3's route reaches shop-3, finds nothing.
        ShopClient.Reply reply = shop.client().getWithCookie("api/session", "JSESSIONID=forged-but-well-formed.shop-3");
        assertEquals(200, reply.status());
        assertEquals("shop-3", reply.instance());
        assertTrue(reply.json().isNull("sessionId"), reply.body());
    }

    @Test
    @Order(20)
    void killingAnInstanceEmptiesTheCartsOfItsClientsOnly(Topology shop) {
        PinnedShopper victim = SHOPPERS.get(0);

        JsonObject before = LabRuns.killTheServingInstance(shop, victim.client());

        assertEquals(victim.instance(), before.getString("instance"));
        Session after = Carts.session(victim.client());
        assertNotEquals(victim.instance(), after.instance(), "a backup instance answers");
        assertEquals(0, after.itemCount(), "the session was in the dead instance's memory");
        PinnedShopper.onlyTheClientsOfTheKilledInstanceLostTheirCarts(SHOPPERS, victim.instance());
    }

    @Test
    @Order(30)
    void whenItsInstanceReturnsAClientWithANewSessionStaysWhereItIs(Topology shop) {
        PinnedShopper victim = SHOPPERS.get(0);
        // the victim shops again; the new session carries the route of the instance that made it
        String fallback = Carts.add(victim.client(), "teapot", 1);
        assertNotEquals(victim.instance(), fallback);
        assertTrue(victim.client().cookie("JSESSIONID").orElseThrow().endsWith("." + fallback));

        shop.start(StickyIT.instanceNumber(victim.instance()));
        shop.awaitNginxRoutesToEveryInstance(java.time.Duration.ofSeconds(60));

        // unlike ip_hash, nothing sends the client back to an instance that no longer has its session
        Session now = Carts.session(victim.client());
        assertEquals(fallback, now.instance());
        assertEquals(1, now.itemCount(), "no second loss");
    }

    @Test
    @Order(70)
    void aShopperInARealBrowserSeesWhatTheTutorialShows(Topology shop) {
        BrowserTour.run(shop);
    }
}
