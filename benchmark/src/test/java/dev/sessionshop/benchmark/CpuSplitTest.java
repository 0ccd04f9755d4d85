package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU per request from two readings of every part and of the machine. */
class CpuSplitTest {

    @Test
    void dividesEachPartsCpuTimeAndTheMachinesBusyShareByTheRequests() {
        // given: 2 cores for 1 s, 75 % busy (1.5 s of CPU); 1000 requests
        CpuSplit.Reading start = new CpuSplit.Reading(0, new MachineTicks(1_000, 1_000, 0), Map.of(
                CpuSplit.Part.GENERATOR, Duration.ofMillis(100), CpuSplit.Part.INSTANCES, Duration.ofMillis(2_000)));
        CpuSplit.Reading end = new CpuSplit.Reading(1_000_000_000L, new MachineTicks(1_150, 1_050, 0), Map.of(
                CpuSplit.Part.GENERATOR, Duration.ofMillis(300), CpuSplit.Part.INSTANCES, Duration.ofMillis(3_000)));

        // when
        CpuUsage usage = start.until(end, 1_000, 2);

        // then
        assertEquals(0.2, usage.millis(CpuSplit.Part.GENERATOR), 1e-9);
        assertEquals(1.0, usage.millis(CpuSplit.Part.INSTANCES), 1e-9);
        assertTrue(Double.isNaN(usage.millis(CpuSplit.Part.REDIS_PRIMARY)), "a part not measured is unknown, not 0");
        assertEquals(0.25, usage.idleShare(), 1e-9);
        assertEquals(1.5, usage.machine(), 1e-9);
        assertEquals(1.3, usage.machineWithoutGenerator(), 1e-9);
        assertEquals(1.0, usage.servers(), 1e-9);
        assertEquals(0.3, usage.rest(), 1e-9);
    }

    @Test
    void measuresThisJvmAsTheGenerator() {
        CpuSplit split = new CpuSplit(Map.of(CpuSplit.Part.GENERATOR, new CpuMeter(List.of(ProcessHandle.current().pid()))), 2);
        CpuSplit.Reading start = split.read();
        long spin = System.nanoTime() + 200_000_000L;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }

        CpuUsage usage = split.since(start, 1);

        assertTrue(usage.millis(CpuSplit.Part.GENERATOR) > 50, "spun 200 ms: " + usage + " " + sink);
        assertFalse(usage.parts().containsKey(CpuSplit.Part.NGINX));
    }
}
