package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
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
class StickyIT {

    private static final String[] PRODUCTS = {"espresso-beans", "green-tea", "stoneware-mug", "kettle"};
    private static final List<Shopper> SHOPPERS = new ArrayList<>();

    /** A simulated client, its instance, and the item count its cart should have. */
    private record Shopper(ShopClient client, String instance, int items) {
    }

    @Test
    @Order(1)
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
            SHOPPERS.add(new Shopper(client, instance, quantity));
        }
        Set<String> used = new HashSet<>();
        SHOPPERS.forEach(shopper -> used.add(shopper.instance()));
        assertTrue(used.size() >= 2, "ip_hash spread 12 client networks over " + used);
    }

    @Test
    @Order(2)
    void killingAnInstanceEmptiesTheCartsOfItsClientsOnly(Topology shop) {
        Shopper victim = SHOPPERS.get(0);
        int killed = instanceNumber(victim.instance());

        shop.kill(killed);

        // The victim's next request is answered (nginx retries on another instance), but its session
        // was in the dead instance's memory: the strategy's known weakness.
        Session after = Carts.session(victim.client());
        assertNotEquals(victim.instance(), after.instance());
        assertEquals(0, after.itemCount(), "the cart of a client of the killed instance is gone");
        for (Shopper other : SHOPPERS) {
            Session now = Carts.session(other.client());
            if (other.instance().equals(victim.instance())) {
                assertEquals(0, now.itemCount(), "every client of the killed instance lost its cart");
            } else {
                assertEquals(other.instance(), now.instance(), "clients of other instances stay put");
                assertEquals(other.items(), now.itemCount(), "and keep their carts");
            }
        }
    }

    @Test
    @Order(3)
    void restartedInstanceGetsItsClientsBackAndTheirCartsAreLostAgain(Topology shop) {
        Shopper victim = SHOPPERS.get(0);
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
    @Order(4)
    void forgedMalformedOrOverlongSessionCookieGetsAFreshSession(Topology shop) {
        Carts.forgedMalformedAndOverlongCookiesGetAFreshSession(shop, "JSESSIONID");
    }

    @Test
    @Order(5)
    void sessionApiReportsTheStrategyAndCreatesNoSession(Topology shop) {
        ShopClient client = shop.client();

        ShopClient.Reply reply = client.getJson("api/session");

        assertEquals("sticky", reply.json().getString("strategy"));
        assertTrue(client.cookie("JSESSIONID").isEmpty(), "GET /api/session must not create a session");
    }

    @Test
    @Order(6)
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
    @Order(7)
    void aShopperInARealBrowserSeesWhatTheTutorialShows(Topology shop) {
        BrowserTour.run(shop);
    }
}
