package dev.sessionshop.benchmark;

import static dev.sessionshop.benchmark.Report.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's section "Ratios over rounds" ({@code --rounds N}): each strategy's throughput against
 * sticky in every round, each round's ratio against that round's sticky, with their median and spread.
 */
final class RoundsTable {

    private RoundsTable() {
    }

    /** Nothing for a run of one round. */
    static void append(StringBuilder md, List<List<StrategyResult>> rounds, List<Mix> mixes) {
        if (rounds.size() < 2) {
            return;
        }
        md.append("## Ratios over rounds\n\n")
                .append("The strategies ran ").append(rounds.size()).append(" times, each round in another order (")
                .append(rounds.stream().map(RoundsTable::order).collect(Collectors.joining("; ")))
                .append("), so that a strategy's place in the run does not decide its ratio. Each ratio is against sticky in\n")
                .append("the same round; *spread*: the lowest and the highest. The other tables are those of the first round.\n")
                .append("*Without the generator*: the median of the same ratio from the CPU table (whole machine less the load\n")
                .append("generator, sticky's divided by the strategy's).\n\n")
                .append("| strategy | mix | × sticky, median | spread | each round | × sticky without the generator, median |\n")
                .append("|---|---|---:|---|---|---:|\n");
        for (Mix mix : mixes) {
            for (StrategyResult first : rounds.get(0)) {
                BenchStrategy strategy = first.strategy();
                if (strategy == BenchStrategy.BASELINE) {
                    continue;
                }
                List<Double> ratios = new ArrayList<>();
                List<Double> withoutGenerator = new ArrayList<>();
                for (List<StrategyResult> round : rounds) {
                    Optional<StrategyResult> sticky = find(round, BenchStrategy.BASELINE);
                    Optional<StrategyResult> result = find(round, strategy);
                    if (sticky.isPresent() && result.isPresent()) {
                        ratios.add(result.get().phase(mix).requestsPerSecond() / sticky.get().phase(mix).requestsPerSecond());
                        withoutGenerator.add(sticky.get().cpu(mix).machineWithoutGenerator() / result.get().cpu(mix).machineWithoutGenerator());
                    }
                }
                if (ratios.isEmpty()) {
                    continue;
                }
                md.append("| ").append(strategy.id()).append(" | ").append(mix.label())
                        .append(" | ").append(fixed(Rounds.median(ratios), 2))
                        .append(" | ").append(fixed(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), 2))
                        .append(" – ").append(fixed(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 2))
                        .append(" | ").append(ratios.stream().map(r -> fixed(r, 2)).collect(Collectors.joining(", ")))
                        .append(" | ").append(fixed(Rounds.median(withoutGenerator), 2))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String order(List<StrategyResult> round) {
        return round.stream().map(r -> r.strategy().id()).collect(Collectors.joining(", "));
    }

    private static Optional<StrategyResult> find(List<StrategyResult> round, BenchStrategy strategy) {
        return round.stream().filter(r -> r.strategy() == strategy).findFirst();
    }
}
