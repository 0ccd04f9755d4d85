package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * external-memcached: nginx round robin; the instances are isolated and keep every session in memcached
 * through the project's session store, which writes each session to its owner node (chosen from the id)
 * and a copy to the other node, because memcached itself replicates nothing. Beyond what external shows:
 * either memcached node can die, under traffic, and no cart is lost.
 */
@ShopTopology(Strategy.EXTERNAL_MEMCACHED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalMemcachedIT implements SessionContract {

    private static final String KEY_PREFIX = "shop:session:";
    private static ShopClient shopper;
    /** The instance lab 5 killed, restarted by the next test. */
    private static int killed;

    @Test
    @Order(10)
    void oneClientsRequestsReachAllThreeInstancesWithTheSameCart(Topology shop) {
        assertEquals(0, ReplicatedSessions.gridMembers(shop), "instances are isolated: no data grid");
        shopper = shop.client();

        ReplicatedSessions.sameCartOnEveryInstance(shop, shopper);

        assertTrue(shopper.cookie("SHOPSESSION").isPresent(), "the store's own cookie");
        assertTrue(shopper.cookie("JSESSIONID").isEmpty(), "the container's session is never created");
    }

    @Test
    @Order(20)
    void sessionIsOneItemOnEachMemcachedNodeWithTheSessionTimeoutAsTtl() {
        String key = KEY_PREFIX + Carts.session(shopper).sessionId();

        for (int port : MemcachedCli.PORTS) {
            MemcachedCli.Item item = MemcachedCli.item(port, key)
                    .orElseThrow(() -> new AssertionError("memcached :" + port + " has no item " + key));
            assertTrue(item.ttlSeconds() > 1700 && item.ttlSeconds() <= 1800,
                    "TTL is the 30 min timeout, renewed on use (:" + port + "): " + item.ttlSeconds());
            assertTrue(item.sizeBytes() > 100 && item.sizeBytes() < 100_000, "one item holds the whole session: " + item);
        }
    }

    @Test
    @Order(21)
    void lab1InPlaceChangeIsLostEvenOnTheServingInstance(Topology shop) {
        StoreSessions.inPlaceChangeIsLostEvenOnTheServingInstance(shop);
    }

    @Test
    @Order(22)
    void lab2ConcurrentRequestsOfOneSessionOnThreeInstancesLoseNoUpdate(Topology shop) {
        StoreSessions.concurrentRequestsOnThreeInstancesLoseNoUpdate(shop);
    }

    @Test
    @Order(23)
    void lab3ThereIsNoVersionCookieAndNoStaleCopy(Topology shop) {
        StoreSessions.noVersionCookieAndNoStaleCopy(shop);
    }

    @Test
    @Order(24)
    void lab4RoundRobinIgnoresTheClientsNetwork(Topology shop) {
        ReplicatedSessions.oneSlash24ReachesEveryInstance(shop);
    }

    @Test
    @Order(25)
    void concurrentAdditionsOfOneShopperThroughNginxAllLand(Topology shop) {
        StoreSessions.concurrentAdditionsOfOneShopperAllLand(shop);
    }

    @Test
    @Order(30)
    void lab5CartSurvivesWhenItsInstanceIsKilledAndNoRequestFails(Topology shop) {
        killed = ReplicatedSessions.cartSurvivesTheCrashOfItsInstance(shop, shopper);
    }

    @Test
    @Order(40)
    void restartedInstanceServesExistingSessions(Topology shop) throws InterruptedException {
        // Under traffic: nginx sends the instance nothing until it is ready (deployment/shop start's gate).
        ReplicatedSessions.restartUnderTrafficShowsNoError(shop, shopper, killed, ReplicatedSessions.expectedItems());

        Carts.Session onRestarted = ReplicatedSessions.awaitServedBy(shopper, Topology.instanceName(killed));
        assertEquals(ReplicatedSessions.expectedItems(), onRestarted.itemCount());
    }

    /**
     * The store's replication, end to end: twelve shoppers, whose sessions are owned by both nodes, keep
     * shopping while memcached-1 is killed, started again empty, and then memcached-2 is killed. Every
     * answer is a 200 with the shopper's whole cart: with one node dead the other has every session (owner
     * or copy), and reading a session whose owner came back empty writes it there again, so the second
     * kill finds every session on the node that came back.
     */
    @Test
    @Order(45)
    void eitherMemcachedNodeDiesUnderTrafficAndNoCartIsLost(Topology shop) throws InterruptedException {
        List<ShopClient> shoppers = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        Set<Integer> owners = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            ShopClient client = shop.client();
            Carts.add(client, "green-tea", 1 + i % 3);
            shoppers.add(client);
            items.add(1 + i % 3);
            owners.add(ownerPort(client));
        }
        assertEquals(Set.of(11211, 11212), owners, "the ids spread the sessions' owners over both nodes");

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread traffic = new Thread(() -> {
            while (!done.get()) {
                for (int i = 0; i < shoppers.size() && !done.get(); i++) {
                    try {
                        ShopClient.Reply cart = shoppers.get(i).getJson("api/cart");
                        requests.incrementAndGet();
                        if (cart.status() != 200 || cart.json().getInt("itemCount") != items.get(i)) {
                            failures.add("shopper " + i + ": " + cart.status() + " " + cart.body());
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add("shopper " + i + ": " + e);
                    }
                }
            }
        }, "shoppers-while-memcached-dies");
        traffic.start();
        boolean secondKilled = false;
        try {
            shop.killMemcached(1);
            awaitRequests(requests, 3 * shoppers.size());
            shop.startMemcached(1);
            // memcached-1 is back, empty. The store's reads write each session back to it, once each
            // instance's client has reconnected (Folsom retries with a growing back-off). Until every
            // session is on both nodes again, losing memcached-2 would lose those only on it: the window
            // the store documents. So first: every shopper's session on both nodes, as every instance sees it.
            shoppers.forEach(ExternalMemcachedIT::awaitBothCopies);
            shop.killMemcached(2);
            secondKilled = true;
            awaitRequests(requests, 3 * shoppers.size());
        } finally {
            done.set(true);
            traffic.join(10_000);
            if (secondKilled) {
                shop.startMemcached(2);
            } else if (!MemcachedCli.answers(MemcachedCli.PORTS[0])) {
                shop.startMemcached(1);
            }
        }
        assertEquals(List.of(), failures, "of " + requests.get() + " requests");
        for (int i = 0; i < shoppers.size(); i++) {
            assertEquals((int) items.get(i), Carts.session(shoppers.get(i)).itemCount(), "shopper " + i + "'s cart");
        }
    }

    /**
     * Waits until three location answers in a row (round robin: one from each instance) say that both the
     * owner and the backup node hold the client's session. After a node came back, each instance's client
     * reconnects to it with a growing back-off, and meanwhile writes and reads use the other node alone;
     * a read of the cart once they are connected again writes the missing copy back.
     */
    static void awaitBothCopies(ShopClient client) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int inARow = 0;
        JsonObject last = null;
        while (inARow < 3) {
            assertTrue(Instant.now().isBefore(deadline), "both nodes hold the session within 30 s: " + last);
            ShopClient.Reply reply = client.getJson("api/session/location");
            last = reply.status() == 200 ? reply.json().getJsonObject("memcached") : null;
            inARow = last != null && last.getBoolean("ownerHasIt") && last.getBoolean("backupHasIt") ? inARow + 1 : 0;
            if (inARow == 0) {
                client.getJson("api/cart");
                StickyIT.sleepBriefly();
            }
        }
    }

    @Test
    @Order(50)
    void withBothMemcachedNodesDownTheShopAnswers503AndRecoversWhenTheyReturn(Topology shop) {
        StoreSessions.storeDownIs503AndTheShopRecoversByItself(shop, shopper, () -> {
            shop.killMemcached(1);
            shop.killMemcached(2);
        }, () -> {
            shop.startMemcached(1);
            shop.startMemcached(2);
        });
    }

    @Test
    @Order(70)
    void sessionLocationNamesTheItemItsOwnerAndBackupNodeSizeAndTtl(Topology shop) {
        ShopClient client = shop.client();
        Carts.add(client, "kettle", 1);
        String key = KEY_PREFIX + Carts.session(client).sessionId();
        // Both nodes were restarted by the test before: the instances may still be reconnecting.
        awaitBothCopies(client);

        ShopClient.Reply reply = Carts.location(client);
        JsonObject memcached = reply.json().getJsonObject("memcached");

        assertEquals(key, memcached.getString("key"));
        int owner = ownerPort(client);
        assertEquals("127.0.0.1:" + owner, memcached.getString("owner"));
        assertEquals("127.0.0.1:" + (owner == 11211 ? 11212 : 11211), memcached.getString("backup"));
        assertTrue(memcached.getBoolean("ownerHasIt") && memcached.getBoolean("backupHasIt"), memcached.toString());
        long size = memcached.getJsonNumber("sizeBytes").longValue();
        assertEquals(MemcachedCli.item(owner, key).orElseThrow().sizeBytes(), size, "the item's size as memcached has it");
        long ttl = memcached.getJsonNumber("ttlSeconds").longValue();
        assertTrue(ttl > 1700 && ttl <= 1800, "the 30 min timeout: " + ttl);
        assertTrue(reply.json().getJsonArray("gridMembers").isEmpty(), "no data grid");
        ShopClient.Reply page = client.get("session");
        assertTrue(page.body().contains("id=\"location-key\">" + key + "<"), page.body());
        assertTrue(page.body().contains("id=\"location-owner\">127.0.0.1:" + owner), page.body());
    }

    @Test
    @Order(80)
    void aShopperInARealBrowserSeesWhatTheTutorialShows(Topology shop) {
        BrowserTour.run(shop);
    }

    /** Last: it kills an instance. The benchmark's smoke run; the figures are benchmark/run's business. */
    @Test
    @Order(99)
    void theBenchmarkHarnessRunsEveryPhaseAgainstThisTopology(Topology shop) throws Exception {
        BenchmarkSmoke.run(shop);
    }

    /** The port of the node the store made the session's owner, as the shop's location API names it. */
    private static int ownerPort(ShopClient client) {
        String owner = Carts.location(client).json().getJsonObject("memcached").getString("owner");
        return Integer.parseInt(owner.substring(owner.lastIndexOf(':') + 1));
    }

    /** Waits until the shoppers' traffic has sent {@code more} requests beyond the count now. */
    private static void awaitRequests(AtomicInteger requests, int more) throws InterruptedException {
        int target = requests.get() + more;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (requests.get() < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertTrue(requests.get() >= target, "the shoppers' traffic went on: " + requests.get() + " of " + target);
    }
}
