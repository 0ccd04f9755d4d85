package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * external: nginx round robin; the instances are isolated and keep every session in Redis through the
 * project's session store. Beyond what clustering shows: the session is a Redis hash with a TTL, and the
 * shop says 503 while Redis is gone and recovers by itself when it returns.
 */
@ShopTopology(Strategy.EXTERNAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalIT implements SessionContract {

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
    void sessionIsARedisHashWithTheSessionTimeoutAsTtl() throws Exception {
        String key = "shop:session:" + Carts.session(shopper).sessionId();

        assertEquals("hash", redis("TYPE", key));
        long ttl = Long.parseLong(redis("TTL", key));
        assertTrue(ttl > 1700 && ttl <= 1980, "TTL is the 30 min timeout plus the 10 % refresh slice: " + ttl);
        assertTrue(redis("HKEYS", key).contains("attr:shop.cart"), "the cart is one field of the hash");
        assertTrue(redis("HKEYS", key).contains("requests"), "the store counts the requests");
        assertTrue(!redis("HKEYS", key).contains("attr:shop.requestCount"), "no attribute to count them");
    }

    @Test
    @Order(26)
    void aPageViewIsOneRedisRoundTripThatWritesNothingButItsCount() throws Exception {
        int before = requestsOnThePanel(shopper.get(""));
        Map<String, Long> stats = commandStats();

        ShopClient.Reply page = shopper.get("");

        Map<String, Long> after = commandStats();
        assertEquals(200, page.status(), page.body());
        assertEquals(1, delta(stats, after, "evalsha") + delta(stats, after, "eval"), "the read script, once");
        assertEquals(0, delta(stats, after, "hincrby"), "no write script: the session's version did not move");
        assertEquals(0, delta(stats, after, "pexpire"), "the TTL was renewed less than a slice ago: not again");
        assertEquals(before + 1, requestsOnThePanel(page), "the page view was counted all the same");
    }

    private static int requestsOnThePanel(ShopClient.Reply page) {
        Matcher m = Pattern.compile("id=\"panel-requests\">(\\d+)<").matcher(page.body());
        assertTrue(m.find(), page.body());
        return Integer.parseInt(m.group(1));
    }

    /** Redis's INFO commandstats: calls per command. */
    private static Map<String, Long> commandStats() throws IOException, InterruptedException {
        Map<String, Long> calls = new HashMap<>();
        Matcher m = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(redis("INFO", "commandstats"));
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
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
    @Order(25)
    void concurrentAdditionsOfOneShopperThroughNginxAllLand(Topology shop) {
        StoreSessions.concurrentAdditionsOfOneShopperAllLand(shop);
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
    @Order(30)
    void lab5CartSurvivesWhenItsInstanceIsKilledAndNoRequestFails(Topology shop) {
        killed = ReplicatedSessions.cartSurvivesTheCrashOfItsInstance(shop, shopper);
    }

    @Test
    @Order(40)
    void restartedInstanceServesExistingSessions(Topology shop) throws InterruptedException {
        // Under traffic: nginx sends the instance nothing until it is ready (deployment/shop start's gate).
        ReplicatedSessions.restartUnderTrafficShowsNoError(shop, shopper, killed, ReplicatedSessions.expectedItems());

        Session onRestarted = ReplicatedSessions.awaitServedBy(shopper, Topology.instanceName(killed));
        assertEquals(ReplicatedSessions.expectedItems(), onRestarted.itemCount());
    }

    @Test
    @Order(50)
    void withRedisDownTheShopAnswers503AndRecoversWhenRedisReturns(Topology shop) {
        StoreSessions.storeDownIs503AndTheShopRecoversByItself(shop, shopper, shop::stopRedis, shop::startRedis);
    }

    @Test
    @Order(64)
    void redisAndTheSentinelsRefuseClientsWithoutThePassword() {
        for (int port : new int[] {6379, 6380, 26379, 26380, 26381}) {
            String refused = RedisCli.runWithoutPassword(port, "PING");
            assertTrue(refused.contains("NOAUTH"), "port " + port + " answers PING without the password: " + refused);
        }
        assertEquals("PONG", RedisCli.run(6379, "PING"), "with the launcher's password it answers");
    }

    @Test
    @Order(70)
    void sessionLocationNamesTheRedisKeyItsTtlSizeAndNode(Topology shop) throws Exception {
        ShopClient client = shop.client();
        Carts.add(client, "kettle", 1);
        String sessionId = Carts.session(client).sessionId();

        ShopClient.Reply reply = Carts.location(client);
        JsonObject redis = reply.json().getJsonObject("redis");

        String key = "shop:session:" + sessionId;
        assertEquals(key, redis.getString("key"));
        long ttl = redis.getJsonNumber("ttlSeconds").longValue();
        assertTrue(ttl > 1700 && ttl <= 1980, "the 30 min timeout plus the refresh slice: " + ttl);
        long size = redis.getJsonNumber("sizeBytes").longValue();
        assertTrue(size > 100 && size < 100_000, "MEMORY USAGE of the hash: " + size);
        assertEquals("127.0.0.1:6379", redis.getString("node"));
        assertEquals("hash", redis("TYPE", key), "the key the page names is the session");
        assertTrue(reply.json().getJsonArray("gridMembers").isEmpty(), "no data grid");
        ClusteringIT.assertClusterView(reply.json(), reply.instance(), Set.of());
        ShopClient.Reply page = client.get("session");
        assertTrue(page.body().contains("id=\"location-key\">" + key + "<"), page.body());
        assertTrue(page.body().contains("id=\"location-node\">127.0.0.1:6379<"), page.body());
    }

    /** One redis-cli command against the launcher's Redis on 127.0.0.1:6379 (with its password); its trimmed output. */
    private static String redis(String... command) throws IOException, InterruptedException {
        return RedisCli.run(6379, command);
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
}
