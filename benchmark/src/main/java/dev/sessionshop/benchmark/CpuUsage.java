package dev.sessionshop.benchmark;

import java.util.Map;

/**
 * CPU milliseconds per request during one phase.
 *
 * @param parts       per measured part (only those the strategy runs)
 * @param machine     the whole machine's busy time per request (NaN: {@code /proc/stat} unreadable)
 * @param idleShare   the share of the cores' time they were idle, 0 to 1 (NaN: unknown)
 * @param stealShare  the share the hypervisor took for something else, 0 to 1 (NaN: unknown)
 */
record CpuUsage(Map<CpuSplit.Part, Double> parts, double machine, double idleShare, double stealShare) {

    /** A part's milliseconds per request, or NaN when the strategy does not run it. */
    double millis(CpuSplit.Part part) {
        return parts.getOrDefault(part, Double.NaN);
    }

    /** What the shop's processes spent: every part but the load generator. */
    double servers() {
        return parts.entrySet().stream().filter(e -> e.getKey() != CpuSplit.Part.GENERATOR)
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The machine's busy time less the generator's: what a request would cost with the generator elsewhere. */
    double machineWithoutGenerator() {
        return machine - parts.getOrDefault(CpuSplit.Part.GENERATOR, 0.0);
    }

    /** Busy time no measured part accounts for: the Sentinels, interrupts, other programs on the machine. */
    double rest() {
        return machine - parts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
