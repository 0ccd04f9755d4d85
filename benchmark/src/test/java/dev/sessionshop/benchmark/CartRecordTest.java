package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CartRecordTest {

    @Test
    void aCartWithExactlyWhatWasAddedIsKept() {
        CartRecord record = new CartRecord();
        record.added("kettle", 1);
        record.added("kettle", 2);
        record.added("teapot", 1);

        assertTrue(record.allows(Map.of("kettle", 3, "teapot", 1)));
    }

    @Test
    void anEmptyCartAfterAdditionsIsLost() {
        CartRecord record = new CartRecord();
        record.added("kettle", 1);

        assertFalse(record.allows(Map.of()));
    }

    @Test
    void aCartWithSomethingNeverAddedIsNotTheShoppersOwn() {
        CartRecord record = new CartRecord();
        record.added("kettle", 1);

        assertFalse(record.allows(Map.of("kettle", 1, "scale", 1)));
    }

    @Test
    void anAdditionThatFailedMayOrMayNotHaveHappened() {
        CartRecord record = new CartRecord();
        record.added("kettle", 1);
        record.maybeAdded("kettle", 1);

        assertTrue(record.allows(Map.of("kettle", 1)));
        assertTrue(record.allows(Map.of("kettle", 2)));
        assertFalse(record.allows(Map.of("kettle", 3)));
        assertFalse(record.allows(Map.of()));
    }

    @Test
    void aRemovalThatFailedMayOrMayNotHaveHappened() {
        CartRecord record = new CartRecord();
        record.added("kettle", 2);
        record.maybeRemoved("kettle");

        assertTrue(record.allows(Map.of("kettle", 2)));
        assertTrue(record.allows(Map.of()));
        assertFalse(record.allows(Map.of("kettle", 3)));
    }
}
