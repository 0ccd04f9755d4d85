package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CPU time the shop's processes used (the instances, and Redis for {@code external}), from the operating
 * system's own accounting ({@link ProcessHandle.Info#totalCpuDuration()}). On a machine whose cores are
 * all busy, throughput is about the cores divided by the CPU time a request costs, so this is what tells
 * why one strategy serves fewer requests than another.
 */
final class CpuMeter {

    private final List<Long> pids;

    CpuMeter(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** The CPU time used so far by all the processes together. */
    Duration used() {
        Duration total = Duration.ZERO;
        for (long pid : pids) {
            Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
            if (cpu.isPresent()) {
                total = total.plus(cpu.get());
            }
        }
        return total;
    }
}
