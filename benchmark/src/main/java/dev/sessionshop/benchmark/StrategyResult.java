package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one strategy.
 *
 * @param warmUp   how the warm-up before the measurements ended
 * @param mixes    each mix measured at its maximum (closed loop), in the order they ran, with its CPU
 * @param openLoop the browse mix at a fixed rate, for its latency
 * @param failover the shop mix during which one instance was killed, and started again
 * @param cost     what a session costs where it is kept
 */
record StrategyResult(BenchStrategy strategy, WarmUp warmUp, Map<Mix, Measured> mixes, OpenLoop openLoop, Failover failover,
                      Cost cost) {

    StrategyResult {
        mixes = Collections.unmodifiableMap(new LinkedHashMap<>(mixes));
    }

    /** One mix's phase. */
    LoadPhase.Result phase(Mix mix) {
        Measured measured = mixes.get(mix);
        if (measured == null) {
            throw new IllegalArgumentException(strategy.id() + " has no " + mix.label() + " mix");
        }
        return measured.phase();
    }

    /** What one mix's requests cost in CPU. */
    CpuUsage cpu(Mix mix) {
        return mixes.get(mix).cpu();
    }

    LoadPhase.Result browse() {
        return phase(Mix.BROWSE);
    }

    LoadPhase.Result shop() {
        return phase(Mix.SHOP);
    }

    /** A mix measured: its requests and latencies, and the CPU they cost the machine's processes. */
    record Measured(LoadPhase.Result phase, CpuUsage cpu) {
    }

    /**
     * The open-loop phase and its CPU.
     *
     * @param basis where its rate came from: "half of sticky's browse maximum", "--open-rate"
     */
    record OpenLoop(OpenLoopPhase.Result phase, CpuUsage cpu, String basis) {
    }

    /** How long the warm-up took, and whether it ended because throughput was steady or at its limit. */
    record WarmUp(long seconds, boolean steady) {
    }

    /**
     * The failover phase, the start of the killed instance under the same load, and what the shoppers found
     * after both.
     *
     * @param phase       the shop mix during which the instance was killed
     * @param restart     the shop mix from {@code deployment/shop start} until a few seconds after it returned
     * @param startTook   how long that start took: until the instance was ready and nginx sent it requests
     *                    again; null when it failed
     * @param killed      the instance killed
     * @param cartsLost   shoppers whose cart no longer matched their own record
     * @param cartsFailed shoppers whose cart could not even be read afterwards
     * @param lostExamples a few "shopper n: expected …, found …" lines
     */
    record Failover(LoadPhase.Result phase, LoadPhase.Result restart, Duration startTook, int killed, int cartsChecked,
                    int cartsLost, int cartsFailed, List<String> lostExamples) {

        /** Requests across the kill and the start. */
        long requests() {
            return phase.requests() + restart.requests();
        }

        /** Errors across the kill and the start. */
        long errors() {
            return phase.errors() + restart.errors();
        }
    }

    /**
     * The session's cost.
     *
     * @param typicalCart        what the measured session holds
     * @param typicalBytes       bytes of that session in the store: Redis {@code MEMORY USAGE} of its hash
     *                           or the grid's entry cost at its owner; -1 for sessions in instance memory
     * @param perRequest         store traffic per request kind
     * @param liveSessions       sessions created for the memory figures
     * @param heapBefore         live heap per instance (bytes; -1: not running) before they were created …
     * @param heapAfter          … and after
     * @param heapGrowth         per instance, what the classes that grew added (see {@link HeapProbe#growth})
     * @param topGrowth          the classes that grew most, all instances together: "name: bytes"
     * @param storeBytesBefore   Redis {@code used_memory} or the grid's owned + backup entry cost summed over
     *                           the members before …
     * @param storeBytesAfter    … and after; -1 for sessions in instance memory
     * @param failedAdditions    additions to a cart that failed while those sessions were made, by reason
     */
    record Cost(String typicalCart, long typicalBytes, List<RequestCost> perRequest, int liveSessions,
                long[] heapBefore, long[] heapAfter, long[] heapGrowth, List<String> topGrowth,
                long storeBytesBefore, long storeBytesAfter, Map<String, Long> failedAdditions) {

        long totalHeapGrowth() {
            long total = 0;
            for (long growth : heapGrowth) {
                total += Math.max(0, growth);
            }
            return total;
        }
    }

    /**
     * The store's traffic for one kind of request, measured over {@code requests} of them in a row.
     *
     * @param sent      commands the shop sent to Redis, seen with MONITOR — sessions in Redis
     * @param roundTrips the times Redis read from its clients meanwhile ({@code total_reads_processed}), less
     *                  what an idle window as long counted (Sentinels, the replica): commands sent in one batch
     *                  arrive in one read, so this counts round trips — sessions in Redis
     * @param inScripts commands the store's Lua script ran inside Redis — sessions in Redis
     * @param gridOperations operations on the session map, all members together — sessions in the grid
     * @param cpuMillis CPU milliseconds per request of this kind in the instances, one shopper, less what
     *                  they use idle in as long a window (measured again, without MONITOR)
     * @param storeCpuMillis the same for Redis (0 without it)
     */
    record RequestCost(String kind, String description, int requests, Map<String, Long> sent, long roundTrips,
                       Map<String, Long> inScripts, Map<String, Long> gridOperations, double cpuMillis,
                       double storeCpuMillis) {

        double sentPerRequest() {
            return sent.values().stream().mapToLong(Long::longValue).sum() / (double) requests;
        }

        double roundTripsPerRequest() {
            return roundTrips / (double) requests;
        }

        double gridOperationsPerRequest() {
            return gridOperations.values().stream().mapToLong(Long::longValue).sum() / (double) requests;
        }
    }
}
