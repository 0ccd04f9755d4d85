package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionshop.e2e.Carts.Session;
import java.util.List;

/** A client that a pinning strategy keeps on one instance, and the item count its cart should have. */
record PinnedShopper(ShopClient client, String instance, int items) {

    /**
     * After {@code killed} died with sessions in memory: each of its clients has an empty cart, every
     * other client is still on its own instance with its cart.
     */
    static void onlyTheClientsOfTheKilledInstanceLostTheirCarts(List<PinnedShopper> shoppers, String killed) {
        for (PinnedShopper shopper : shoppers) {
            Session now = Carts.session(shopper.client());
            if (shopper.instance().equals(killed)) {
                assertEquals(0, now.itemCount(), "every client of the killed instance lost its cart");
            } else {
                assertEquals(shopper.instance(), now.instance(), "clients of other instances stay put");
                assertEquals(shopper.items(), now.itemCount(), "and keep their carts");
            }
        }
    }
}
