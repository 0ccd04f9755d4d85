package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine's idle share from two readings of /proc/stat. */
class MachineTicksTest {

    @Test
    void countsIowaitAsIdleAndStealApartAndLeavesGuestTimeInUser() {
        MachineTicks ticks = MachineTicks.parse("""
                cpu  100 10 50 300 20 5 15 40 7 0
                cpu0 50 5 25 150 10 2 8 20 3 0
                """);

        assertEquals(100 + 10 + 50 + 5 + 15, ticks.busy());
        assertEquals(300 + 20, ticks.idle());
        assertEquals(40, ticks.steal());
    }

    @Test
    void theIdleShareIsThatOfTheTicksBetweenTwoReadings() {
        MachineTicks before = MachineTicks.parse("cpu  1000 0 0 5000 0 0 0 0 0 0\n");
        MachineTicks after = MachineTicks.parse("cpu  1180 0 0 5010 10 0 0 0 0 0\n");

        MachineTicks phase = after.since(before);

        assertEquals(0.1, phase.idleShare(), 1e-9);
        assertEquals(0.9, phase.busyShare(), 1e-9);
        assertEquals(0, phase.stealShare(), 1e-9);
    }

    @Test
    void nothingCountedIsAnUnknownShareNotZero() {
        MachineTicks none = new MachineTicks(0, 0, 0);

        assertTrue(Double.isNaN(none.idleShare()));
    }

    @Test
    void refusesALineThatIsNotTheMachinesTotal() {
        assertThrows(IllegalArgumentException.class, () -> MachineTicks.parse("cpu0 1 2 3 4 5 6 7 8\n"));
    }

    @Test
    void readsThisMachinesProcStatWhereThereIsOne() {
        MachineTicks now = MachineTicks.now();

        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            assertTrue(now.total() > 0, "ticks: " + now);
        }
    }
}
