package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * clustering-sticky: Payara's data grid as in {@code clustering}, and nginx routing by the route in the
 * session cookie as in {@code sticky-cookie}. A client's requests stay on one instance, which serves the
 * session from its own memory and writes it to the grid; the grid's copy is there for when that instance
 * dies. (Payara's documentation recommends this pairing.)
 */
@ShopTopology(Strategy.CLUSTERING_STICKY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusteringStickyIT implements SessionContract {

    private static ShopClient shopper;
    private static int items;

    @Test
    @Order(10)
    void oneClientsRequestsStayOnItsInstanceWhichNeverReloadsTheSessionFromTheGrid(Topology shop) {
        ReplicatedSessions.awaitGridMembers(shop, 3);
        shopper = shop.client();
        String instance = Carts.add(shopper, "kettle", 1);
        Carts.add(shopper, "green-tea", 2);
        items = 3;
        assertTrue(shopper.cookie("JSESSIONID").orElseThrow().endsWith("." + instance), "the route is in the id");
        long getsBefore = gridGets(shop);

        int requests = 12;
        for (int request = 0; request < requests; request++) {
            Session session = Carts.session(shopper);
            assertEquals(instance, session.instance(), "request " + request);
            assertEquals(items, session.itemCount());
        }

        // The grid's own statistics: Payara's write at the end of a request reads the entry once (measured:
        // one get per request here); round robin adds a reload from the grid whenever the request lands on
        // another instance (clustering: 2.00 gets per request in the benchmark's cost table). Here nothing
        // is reloaded: the instance serves the session from its memory.
        long gets = gridGets(shop) - getsBefore;
        assertTrue(gets <= requests, gets + " reads of the session map for " + requests + " requests");
    }

    @Test
    @Order(12)
    void lab2ConcurrentRequestsOfOneSessionLoseNoUpdateOnItsInstance(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "concurrent");

        assertEquals(LabRuns.CONCURRENT_REQUESTS, lab.number("acknowledged"), lab.toString());
        assertEquals(0, lab.number("lostUpdates"), "one instance serves the session: " + lab);
    }

    @Test
    @Order(20)
    void whenItsInstanceDiesTheNextInstanceServesTheSameCartFromTheGrid(Topology shop) {
        JsonObject before = LabRuns.killTheServingInstance(shop, shopper);

        JsonObject after = LabRuns.afterTheKill(shopper, before);

        assertEquals(before.getString("sessionId"), after.getString("sessionId"), "the same session");
        assertEquals(items, after.getJsonObject("cart").getInt("itemCount"), "with the same cart");
        Session session = Carts.session(shopper);
        assertNotEquals(before.getString("instance"), session.instance());
        assertEquals(items, session.itemCount());
    }

    @Test
    @Order(30)
    void anInstanceStartedAgainGetsNoRequestBeforeItIsReady(Topology shop) throws InterruptedException {
        for (int n = 1; n <= 3; n++) {
            if (!shop.running(n)) {
                ReplicatedSessions.restartUnderTrafficShowsNoError(shop, shopper, n, items);
            }
        }
    }

    @Test
    @Order(70)
    void aShopperInARealBrowserSeesWhatTheTutorialShows(Topology shop) {
        for (int n = 1; n <= 3; n++) {
            if (!shop.running(n)) {
                shop.start(n);
            }
        }
        ReplicatedSessions.awaitGridMembers(shop, 3);
        BrowserTour.run(shop);
    }

    /** Reads of Payara's session map served by all members (its local statistics, summed). */
    private static long gridGets(Topology shop) {
        long gets = 0;
        for (int n = 1; n <= 3; n++) {
            JsonObject map = shop.clientOfInstance(n).getJson("/api/cluster").json().getJsonObject("sessionMap");
            gets += map.getJsonNumber("gets").longValue();
        }
        return gets;
    }
}
