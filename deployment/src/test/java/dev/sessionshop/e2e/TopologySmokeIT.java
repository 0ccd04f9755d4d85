package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher's topology itself, on the quickest strategy: three instances behind nginx, nginx's
 * exposure rules, and failover past a killed instance. The strategies' session behaviour is tested in
 * their own classes.
 */
@ShopTopology(Strategy.STICKY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologySmokeIT {

    @Test
    @Order(1)
    void everyInstanceServesThroughNginx(Topology shop) {
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 60 && served.size() < 3; i++) {
            ShopClient.Reply reply = shop.client().get("api/session");
            assertEquals(200, reply.status(), reply.body());
            served.add(reply.instance());
        }
        assertEquals(Set.of("shop-1", "shop-2", "shop-3"), served);
    }

    @Test
    @Order(2)
    void sessionApiReportsTheStrategyAndCreatesNoSession(Topology shop) {
        ShopClient client = shop.client();

        ShopClient.Reply reply = client.get("api/session");

        assertTrue(reply.body().contains("\"strategy\":\"sticky\""), reply.body());
        assertTrue(client.cookie("JSESSIONID").isEmpty(), "GET /api/session must not create a session");
    }

    @Test
    @Order(3)
    void payaraInternalEndpointsAreHiddenButHealthIsNot(Topology shop) {
        ShopClient client = shop.client();

        assertEquals(200, client.get("health/ready").status());
        assertEquals(404, client.get("openapi").status());
        assertEquals(404, client.get("metrics").status());
        assertEquals(200, shop.clientOfInstance(1).get("metrics").status(), "still there for operators, on loopback");
    }

    @Test
    @Order(4)
    void requestsOfAKilledInstanceAreServedByAnotherOne(Topology shop) {
        // given a client that nginx sends to shop-2
        ShopClient client = shop.clientPinnedTo(2);

        // when shop-2 crashes
        shop.kill(2);

        // then nginx retries on another instance instead of failing the request
        ShopClient.Reply reply = client.get("api/session");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(Set.of("shop-1", "shop-3").contains(reply.instance()), reply.instance());
        assertEquals(1, shop.status().exitCode(), "status reports a part down");
    }

    @Test
    @Order(5)
    void aRestartedInstanceIsReadyAgain(Topology shop) {
        shop.start(2);

        assertEquals(200, shop.clientOfInstance(2).get("health/ready").status());
        assertEquals(0, shop.status().exitCode(), shop.status().output());
    }
}
