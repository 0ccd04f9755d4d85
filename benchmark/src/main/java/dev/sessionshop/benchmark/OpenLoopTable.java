package dev.sessionshop.benchmark;

import static dev.sessionshop.benchmark.Report.fixed;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The report's section "Latency at a fixed rate (open loop)": from each request's intended send time, so
 * that it means what a user would wait, at a load every strategy should carry.
 */
final class OpenLoopTable {

    private OpenLoopTable() {
    }

    static void append(StringBuilder md, List<StrategyResult> results) {
        if (results.isEmpty()) {
            return;
        }
        md.append("## Latency at a fixed rate (open loop)\n\n")
                .append("The *browse* mix again, not as fast as the shop answers but at a fixed rate: ")
                .append(results.stream().map(r -> r.strategy().id() + " " + fixed(r.openLoop().phase().rate(), 0) + "/s ("
                        + r.openLoop().basis() + ")").collect(Collectors.joining(", "))).append(".\n")
                .append("The rate is divided among the shoppers, each on a schedule of its own and one request at a time; each\n")
                .append("request's latency is timed from when the schedule meant to send it, not from when it was sent, so a\n")
                .append("stall also counts in every request it held back (no coordinated omission), recorded in HdrHistogram.\n")
                .append("At the maximum, in the throughput table, p99 mostly restates the queue (Little's law); here it is what a\n")
                .append("user of a shop under this load waits. *Answer p99*: from the actual send instead, for comparison.\n")
                .append("*Sent late*: more than ").append(OpenLoopPhase.LATE_NANOS / 1_000_000)
                .append(" ms after their time, the shopper still waiting for its previous answer. *Not sent*: due before\n")
                .append("the end but not sent by then, each counted with its wait until the end; a strategy with any did not\n")
                .append("sustain the rate, and its percentiles are lower bounds.\n\n")
                .append("| strategy | rate | sent/s | p50 ms | p99 ms | p99.9 ms | max ms | answer p99 ms | sent late | not sent | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StrategyResult result : results) {
            OpenLoopPhase.Result phase = result.openLoop().phase();
            String bound = phase.sustained() ? "" : "≥ ";
            md.append("| ").append(result.strategy().id())
                    .append(" | ").append(fixed(phase.rate(), 0)).append("/s")
                    .append(" | ").append(fixed(phase.sentPerSecond(), 0))
                    .append(" | ").append(bound).append(fixed(phase.percentileMillis(50), 1))
                    .append(" | ").append(bound).append(fixed(phase.percentileMillis(99), 1))
                    .append(" | ").append(bound).append(fixed(phase.percentileMillis(99.9), 1))
                    .append(" | ").append(bound).append(fixed(phase.fromIntended().getMaxValue() / 1000.0, 1))
                    .append(" | ").append(fixed(phase.answer().getValueAtPercentile(99) / 1000.0, 1))
                    .append(" | ").append(phase.late()).append(" of ").append(phase.requests())
                    .append(" | ").append(phase.sustained() ? "0" : "**" + phase.unsent() + "**")
                    .append(" | ").append(phase.errors())
                    .append(" |\n");
        }
        md.append('\n');
    }
}
