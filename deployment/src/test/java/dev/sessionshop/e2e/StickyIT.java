package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sticky: nginx ip_hash pins each client to one instance; the session lives in that instance's memory.
 * The tests run in order on one topology: twelve clients shop, one instance crashes, then comes back.
 */
@ShopTopology(Strategy.STICKY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StickyIT implements SessionContract {

    private static final String[] PRODUCTS = {"espresso-beans", "green-tea", "stoneware-mug", "kettle"};
    private static final List<PinnedShopper> SHOPPERS = new ArrayList<>();


    @Test
    @Order(10)
    void twelveClientsSpreadOverInstancesAndEachStaysOnItsOwn(Topology shop) {
        for (int i = 0; i < 12; i++) {
            ShopClient client = shop.client();
            int quantity = 1 + i % 3;
            String instance = Carts.add(client, PRODUCTS[i % PRODUCTS.length], quantity);
            String sessionId = Carts.session(client).sessionId();
            for (int request = 0; request < 5; request++) {
                assertEquals(new Session(instance, sessionId, quantity), Carts.session(client),
                        "client " + client.forwardedFor().orElseThrow() + ", request " + request);
            }
            SHOPPERS.add(new PinnedShopper(client, instance, quantity));
        }
        Set<String> used = new HashSet<>();
        SHOPPERS.forEach(shopper -> used.add(shopper.instance()));
        assertTrue(used.size() >= 2, "ip_hash spread 12 client networks over " + used);
    }

    /**
     * Plain in-memory sessions (deployment/payara/memory-sessions.asadmin), not Payara's replication
     * manager: that one sets a JSESSIONIDVERSION cookie with every change and serializes the whole
     * session after every request, which costs sticky a quarter of its CPU with nothing to replicate to.
     */
    @Test
    @Order(9)
    void sessionsArePayarasPlainInMemoryOnesWithoutAVersionCookie(Topology shop) {
        ShopClient client = shop.client();
        Carts.add(client, "kettle", 1);
        Carts.add(client, "kettle", 1);
        assertTrue(client.cookie("JSESSIONID").isPresent(), "the session cookie");
        assertTrue(client.cookie("JSESSIONIDVERSION").isEmpty(), "no replication manager, no version cookie");
    }

    @Test
    @Order(11)
    void lab1InPlaceMutationStaysOnTheOneInstanceThatHoldsTheSession(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "in-place");

        assertFalse(lab.flag("otherInstanceHasTheSession"), "no other instance has the session: " + lab);
        assertTrue(lab.flag("inPlaceChangeKeptOnServingInstance"), "in memory the object IS the session: " + lab);
        assertFalse(lab.flag("inPlaceChangeReachedOtherInstance"), lab.toString());
    }

    @Test
    @Order(12)
    void lab2ConcurrentRequestsOfOneSessionLoseNoUpdateOnOneInstance(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "concurrent");

        assertEquals(LabRuns.CONCURRENT_REQUESTS, lab.number("acknowledged"), lab.toString());
        assertEquals(0, lab.number("lostUpdates"), "one instance, one lock per session: " + lab);
        assertEquals(1 + LabRuns.CONCURRENT_REQUESTS, lab.number("finalQuantity"), lab.toString());
    }

    @Test
    @Order(13)
    void lab3VersionCookieDoesNotMatterWhenNoOtherInstanceHasTheSession(Topology shop) {
        LabRuns.Findings lab = LabRuns.run(shop, "version-cookie");

        assertFalse(lab.flag("otherInstanceHasTheSession"), "another instance has no copy at all, fresh or stale: " + lab);
    }

    @Test
    @Order(14)
    void lab4ClientsOfOneSlash24AllLandOnOneInstance(Topology shop) {
        assertEquals(1, LabRuns.ipHashInstances(shop, true, 8).size(), "ip_hash hashes the first three octets only");
        assertTrue(LabRuns.ipHashInstances(shop, false, 8).size() >= 2, "eight /24s spread over instances");
    }

    @Test
    @Order(20)
    void lab5KillingTheServingInstanceEmptiesTheCartsOfItsClientsOnly(Topology shop) {
        PinnedShopper victim = SHOPPERS.get(0);

        JsonObject before = LabRuns.killTheServingInstance(shop, victim.client());

        // The victim's next request is answered (nginx retries on another instance), but its session
        // was in the dead instance's memory: the strategy's known weakness.
        assertEquals(victim.instance(), before.getString("instance"));
        JsonObject afterKill = LabRuns.afterTheKill(victim.client(), before);
        assertNotEquals(before.getString("sessionId"), afterKill.isNull("sessionId") ? null : afterKill.getString("sessionId"),
                "the session died with its instance");
        assertEquals(0, afterKill.getJsonObject("cart").getInt("itemCount"), "and so did the cart");
        Session after = Carts.session(victim.client());
        assertNotEquals(victim.instance(), after.instance());
        assertEquals(0, after.itemCount(), "the cart of a client of the killed instance is gone");
        PinnedShopper.onlyTheClientsOfTheKilledInstanceLostTheirCarts(SHOPPERS, victim.instance());
    }

    @Test
    @Order(30)
    void restartedInstanceGetsItsClientsBackAndTheirCartsAreLostAgain(Topology shop) {
        PinnedShopper victim = SHOPPERS.get(0);
        int restarted = instanceNumber(victim.instance());
        // Meanwhile the victim shops again, on the instance nginx fell back to.
        String fallback = Carts.add(victim.client(), "teapot", 1);
        assertNotEquals(victim.instance(), fallback);

        shop.start(restarted);

        // nginx tries the instance again after fail_timeout (10 s); ip_hash then sends the client home.
        Session home = awaitServedBy(victim.client(), victim.instance(), Duration.ofSeconds(60));
        assertEquals(0, home.itemCount(),
                "back on its own instance, the client's new cart (kept on " + fallback + ") is not there");
    }

    @Test
    @Order(50)
    void sessionApiReportsTheStrategyAndCreatesNoSession(Topology shop) {
        ShopClient client = shop.client();

        ShopClient.Reply reply = client.getJson("api/session");

        assertEquals("sticky", reply.json().getString("strategy"));
        assertTrue(client.cookie("JSESSIONID").isEmpty(), "GET /api/session must not create a session");
    }

    @Test
    @Order(60)
    void payaraInternalEndpointsAreHiddenButHealthIsNot(Topology shop) {
        ShopClient client = shop.client();

        assertEquals(200, client.get("health/ready").status());
        assertEquals(404, client.get("openapi").status());
        assertEquals(404, client.get("metrics").status());
        assertEquals(200, shop.clientOfInstance(1).get("metrics").status(), "still there for operators, on loopback");
    }

    private static Session awaitServedBy(ShopClient client, String instance, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Session last;
        do {
            last = Carts.session(client);
            if (last.instance().equals(instance)) {
                return last;
            }
            sleepBriefly();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("still served by " + last.instance() + ", not " + instance + ", after " + patience);
    }

    static int instanceNumber(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    static void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(70)
    void aShopperInARealBrowserSeesWhatTheTutorialShows(Topology shop) {
        BrowserTour.run(shop);
    }

    /** Last: it kills an instance. The benchmark's smoke run; the figures are benchmark/run's business. */
    @Test
    @Order(99)
    void theBenchmarkHarnessRunsEveryPhaseAgainstThisTopology(Topology shop) throws Exception {
        BenchmarkSmoke.run(shop);
    }
}
