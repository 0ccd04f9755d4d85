package dev.sessionshop.web.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabBasketTest {

    @Test
    void holdsTwentyItemsAndRefusesTheTwentyFirstUnchanged() {
        LabBasket basket = new LabBasket();
        for (int i = 0; i < LabBasket.MAX_ITEMS; i++) {
            basket.add("kettle");
        }
        List<String> full = basket.items();

        LabBasketFullException refused = assertThrows(LabBasketFullException.class, () -> basket.add("teapot"));

        assertEquals(20, LabBasket.MAX_ITEMS);
        assertEquals(full, basket.items(), "the refused item is not added");
        assertEquals("The lab basket holds at most 20 items; send {\"change\": \"reset\"} to start again with an empty one.",
                refused.getMessage());
    }
}
