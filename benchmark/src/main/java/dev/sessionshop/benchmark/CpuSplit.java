package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during a phase, per request: the load generator (this JVM), each server
 * process the strategy runs (the instances, the Redis primary and its replica, the memcached nodes,
 * nginx's master and workers), and the whole machine from {@code /proc/stat} with its idle share. The
 * generator shares the cores with what it measures, so a throughput ratio between strategies is also a
 * ratio of "server cost + generator cost"; with the generator's share known, the ratio can be read
 * without it too.
 */
final class CpuSplit {

    /** A process, or a group of them, whose CPU time is measured apart. */
    enum Part {
        GENERATOR("load generator"),
        INSTANCES("instances"),
        REDIS_PRIMARY("Redis primary"),
        REDIS_REPLICA("Redis replica"),
        MEMCACHED("memcached"),
        NGINX("nginx");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final Map<Part, CpuMeter> meters;
    private final int cores;

    CpuSplit(Map<Part, CpuMeter> meters, int cores) {
        this.meters = new EnumMap<>(meters);
        this.cores = cores;
    }

    /**
     * The parts of {@code strategy}'s topology as they run now (pids from the launcher's pid files and,
     * for the Redis primary, from Redis itself); a part the strategy does not run is left out.
     */
    static CpuSplit of(BenchStrategy strategy, LocalTopology topology) {
        Map<Part, CpuMeter> meters = new EnumMap<>(Part.class);
        meters.put(Part.GENERATOR, new CpuMeter(List.of(ProcessHandle.current().pid())));
        meters.put(Part.INSTANCES, new CpuMeter(topology.aliveInstances().stream().map(topology::pid).toList()));
        switch (strategy.home()) {
            case REDIS -> {
                long primary = topology.redis().info("server", "process_id");
                List<Long> replicas = new ArrayList<>(topology.redisPids());
                replicas.remove(Long.valueOf(primary));
                meters.put(Part.REDIS_PRIMARY, new CpuMeter(List.of(primary)));
                meters.put(Part.REDIS_REPLICA, new CpuMeter(replicas));
            }
            case MEMCACHED -> meters.put(Part.MEMCACHED, new CpuMeter(topology.memcached().pids()));
            case MEMORY, GRID -> {
                // no store process: the sessions live in the instances' heaps
            }
        }
        meters.put(Part.NGINX, new CpuMeter(topology.nginxPids()));
        return new CpuSplit(meters, Runtime.getRuntime().availableProcessors());
    }

    /** The readings at a phase's start. */
    Reading read() {
        Map<Part, Duration> used = new EnumMap<>(Part.class);
        meters.forEach((part, meter) -> used.put(part, meter.used()));
        return new Reading(System.nanoTime(), MachineTicks.now(), used);
    }

    /** What the phase that began at {@code start} cost, per request of its {@code requests}. */
    CpuUsage since(Reading start, long requests) {
        return start.until(read(), requests, cores);
    }

    /** Every part's CPU time so far, the machine's ticks, and when they were read. */
    record Reading(long nanoTime, MachineTicks machine, Map<Part, Duration> used) {

        CpuUsage until(Reading end, long requests, int cores) {
            double perRequest = Math.max(1, requests);
            Map<Part, Double> millis = new EnumMap<>(Part.class);
            used.forEach((part, before) -> {
                Duration after = end.used().getOrDefault(part, before);
                millis.put(part, Math.max(0, after.minus(before).toNanos()) / 1e6 / perRequest);
            });
            MachineTicks machine = end.machine().since(this.machine);
            // The machine's busy share of the cores over the phase's wall-clock time: the CPU time of every
            // process, the kernel's work for none in particular (interrupts) and whatever else runs here.
            double elapsedMillis = (end.nanoTime() - nanoTime) / 1e6;
            double machineMillis = machine.total() == 0 ? Double.NaN : machine.busyShare() * cores * elapsedMillis / perRequest;
            return new CpuUsage(millis, machineMillis, machine.idleShare(), machine.stealShare());
        }
    }
}
