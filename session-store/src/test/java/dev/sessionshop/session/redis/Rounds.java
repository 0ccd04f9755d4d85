package dev.sessionshop.session.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The measured rounds of {@link ClientPathMeasurement}, and the table of their medians and spread. */
final class Rounds {

    private final List<Round> rounds = new ArrayList<>();

    /** One round's figures: per path name, per thread count. */
    static final class Round {
        private final Map<String, CostCounters.PerOperation> cells = new LinkedHashMap<>();

        void put(String path, int threads, CostCounters.PerOperation cost) {
            cells.put(path + "@" + threads, cost);
        }

        CostCounters.PerOperation get(String path, int threads) {
            return cells.get(path + "@" + threads);
        }
    }

    void add(Round round) {
        rounds.add(round);
    }

    /** Median (min–max over the rounds) of each figure, one row per thread count and path. */
    String table(List<ClientPaths> paths, int[] threadCounts) {
        StringBuilder table = new StringBuilder()
                .append("| threads | path | ops/s | JVM CPU µs/op | context switches/op | redis CPU µs/op | JVM + redis CPU µs/op |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (int threads : threadCounts) {
            for (ClientPaths path : paths) {
                List<CostCounters.PerOperation> cells = rounds.stream().map(round -> round.get(path.name(), threads)).toList();
                table.append("| ").append(threads).append(" | ").append(path.name())
                        .append(" | ").append(figure(cells, CostCounters.PerOperation::opsPerSecond, "%.0f"))
                        .append(" | ").append(figure(cells, CostCounters.PerOperation::jvmCpuMicros, "%.1f"))
                        .append(" | ").append(figure(cells, CostCounters.PerOperation::contextSwitches, "%.2f"))
                        .append(" | ").append(figure(cells, CostCounters.PerOperation::redisCpuMicros, "%.1f"))
                        .append(" | ").append(figure(cells, cost -> cost.jvmCpuMicros() + cost.redisCpuMicros(), "%.1f"))
                        .append(" |\n");
            }
        }
        table.append("\nEach cell: median (min–max) over ").append(rounds.size()).append(" rounds. Paths:\n\n");
        for (ClientPaths path : paths) {
            table.append("- ").append(path.name()).append(": ").append(path.description()).append('\n');
        }
        return table.toString();
    }

    private static String figure(List<CostCounters.PerOperation> cells, ToDoubleFunction<CostCounters.PerOperation> value, String format) {
        double[] sorted = cells.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median, sorted[0], sorted[n - 1]);
    }
}
