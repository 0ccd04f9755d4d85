package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Carts.Session;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * clustering: nginx round robin; the three instances form one Payara data grid that replicates the
 * session. One client's requests reach every instance and see one cart, through a crash and a restart.
 */
@ShopTopology(Strategy.CLUSTERING)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusteringIT {

    private static ShopClient shopper;

    @Test
    @Order(1)
    void oneClientsRequestsReachAllThreeInstancesWithTheSameCart(Topology shop) {
        assertEquals(3, ReplicatedSessions.gridMembers(shop), "the data grid has all three members");
        shopper = shop.client();

        ReplicatedSessions.sameCartOnEveryInstance(shopper);
    }

    @Test
    @Order(2)
    void cartSurvivesWhenAnInstanceIsKilledAndNoRequestFails(Topology shop) {
        ReplicatedSessions.cartSurvivesTheCrashOf(shop, shopper, 2);
    }

    @Test
    @Order(3)
    void restartedInstanceRejoinsTheGridAndServesExistingSessions(Topology shop) {
        shop.start(2);

        ReplicatedSessions.awaitGridMembers(shop, 3);
        Session onRestarted = ReplicatedSessions.awaitServedBy(shopper, "shop-2");
        assertEquals(ReplicatedSessions.expectedItems(), onRestarted.itemCount(), "shop-2 reads the replicated cart");
        assertTrue(shopper.cookie("JSESSIONIDVERSION").isPresent(), "Payara's version cookie is kept");
    }

    @Test
    @Order(4)
    void forgedMalformedOrOverlongSessionCookieGetsAFreshSession(Topology shop) {
        Carts.forgedMalformedAndOverlongCookiesGetAFreshSession(shop, "JSESSIONID");
    }
}
