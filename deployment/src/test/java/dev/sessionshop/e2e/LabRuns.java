package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drives the labs through their JSON endpoints, as the labs page does, and returns what they found. The
 * strategy classes assert each lab's documented result (docs/05-labs.md) against these findings.
 */
final class LabRuns {

    /** Lab 2's burst: enough parallel requests that they overlap on every instance. */
    static final int CONCURRENT_REQUESTS = 20;

    private LabRuns() {
    }

    /** Runs lab {@code in-place}, {@code concurrent} or {@code version-cookie}; its findings (and the report on failure). */
    static Findings run(Topology shop, String lab) {
        String body = lab.equals("concurrent") ? "{\"requests\": " + CONCURRENT_REQUESTS + "}" : "{}";
        ShopClient.Reply reply = shop.client().postJson("api/labs/" + lab, body);
        assertEquals(200, reply.status(), reply.body());
        JsonObject report = reply.json();
        assertEquals(shop.strategy().launcherName(), report.getString("strategy"));
        assertTrue(!report.getJsonObject("findings").containsKey("completed"), "the lab ran to its end: " + report);
        // The figures docs/05-labs.md quotes come from these lines of the test output.
        System.out.println("LAB " + lab + " " + shop.strategy().launcherName() + " " + report.getJsonObject("findings"));
        return new Findings(report);
    }

    /**
     * Lab 4: the instances that {@code requests} clients reach, each from its own address in one /24
     * ({@code 10.77.1.x}) or each from its own /24 ({@code 10.77.x.1}), as nginx passes the address on.
     */
    static Set<String> ipHashInstances(Topology shop, boolean oneNetwork, int requests) {
        Set<String> instances = new TreeSet<>();
        for (int i = 1; i <= requests; i++) {
            String address = oneNetwork ? "10.77.1." + (10 + i) : "10.77." + (10 + i) + ".1";
            ShopClient.Reply reply = new ShopClient(Topology.SHOP, address).getJson("api/labs/ip-hash");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(address, reply.json().getString("clientAddress"), "nginx passed the client's address on");
            instances.add(reply.json().getString("instance"));
        }
        return instances;
    }

    /** Lab 5's view of a shopper: who served it, its session and cart, and the command that kills that instance. */
    static JsonObject failover(ShopClient client) {
        ShopClient.Reply reply = client.getJson("api/labs/failover");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** Lab 5, first half: remembers the shopper's view, kills the serving instance with the command the lab shows. */
    static JsonObject killTheServingInstance(Topology shop, ShopClient client) {
        JsonObject before = failover(client);
        String command = before.getJsonObject("commands").getString("launcher");
        String instance = before.getString("instance");
        assertEquals("deployment/shop kill " + StickyIT.instanceNumber(instance), command);
        assertEquals("docker compose --profile " + shop.strategy().launcherName() + " kill "
                + shop.strategy().launcherName() + "-shop-" + StickyIT.instanceNumber(instance),
                before.getJsonObject("commands").getString("compose"));
        shop.kill(StickyIT.instanceNumber(instance));
        return before;
    }

    /** Lab 5, second half: the shopper's view after the kill, from another instance. */
    static JsonObject afterTheKill(ShopClient client, JsonObject before) {
        JsonObject after = failover(client);
        assertNotEquals(before.getString("instance"), after.getString("instance"), "another instance answers");
        return after;
    }

    /** One lab report's findings, with the report itself for failure messages. */
    record Findings(JsonObject report) {

        boolean flag(String name) {
            assertTrue(report.getJsonObject("findings").containsKey(name), name + " in " + report);
            return report.getJsonObject("findings").getBoolean(name);
        }

        int number(String name) {
            assertTrue(report.getJsonObject("findings").containsKey(name), name + " in " + report);
            return report.getJsonObject("findings").getInt(name);
        }

        @Override
        public String toString() {
            return report.toString();
        }
    }
}
