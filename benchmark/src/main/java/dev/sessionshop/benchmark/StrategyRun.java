package dev.sessionshop.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strategy, start to end, on a topology that is up: warm-up, the browse, shop and read-only mixes at
 * their maximum (each with where its CPU went), the browse mix at a fixed rate (open loop), the cost of a
 * session, and last failover under load: an instance killed, then started again. The same shoppers go
 * through every phase, so each one's record of its cart covers all it did.
 */
final class StrategyRun {

    private static final Duration GRID_SAFE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);
    /** The longest the phase around the start may last: the launcher's own limit for one instance and more. */
    private static final Duration START_LIMIT = Duration.ofMinutes(6);

    private final BenchStrategy strategy;
    private final BenchmarkSettings settings;
    private final LocalTopology topology;
    private final Progress progress;
    private final GridProbe grid = new GridProbe();
    private final OpenRate openRate;
    private long warmUpSeconds;
    private boolean warmUpSteady;

    /**
     * @param openRate the open-loop phase's rate; null: half of this strategy's own browse maximum
     */
    StrategyRun(BenchStrategy strategy, BenchmarkSettings settings, LocalTopology topology, Progress progress, OpenRate openRate) {
        this.openRate = openRate;
        this.strategy = strategy;
        this.settings = settings;
        this.topology = topology;
        this.progress = progress;
    }

    StrategyResult run() {
        if (strategy.home() == BenchStrategy.Home.GRID) {
            progress.step(strategy.id() + ": waiting until the data grid has 3 members and every backup");
            grid.awaitSafe(LocalTopology.INSTANCES, GRID_SAFE_TIMEOUT);
        }
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 1; i <= settings.users(); i++) {
            shoppers.add(new Shopper(i, LocalTopology.SHOP, 1000L * i + strategy.id().hashCode()));
        }
        warmUp(shoppers);
        if (strategy.pinsClient()) {
            checkPinned(shoppers);
        }
        CpuSplit cpu = CpuSplit.of(strategy, topology);
        Map<Mix, StrategyResult.Measured> mixes = new LinkedHashMap<>();
        for (Mix mix : Mix.values()) {
            mixes.put(mix, measure(mix, shoppers, cpu));
        }
        StrategyResult.OpenLoop openLoop = openLoop(shoppers, cpu, openRate != null ? openRate
                : new OpenRate(mixes.get(Mix.BROWSE).phase().requestsPerSecond() / 2, "half of its own browse maximum"));
        StrategyResult.Cost cost = new SessionCost(strategy, settings, topology, progress, grid).measure();
        StrategyResult.Failover failover = failover(shoppers);
        return new StrategyResult(strategy, new StrategyResult.WarmUp(warmUpSeconds, warmUpSteady), mixes, openLoop, failover, cost);
    }

    /** The browse mix at a fixed rate, for latency without coordinated omission. */
    private StrategyResult.OpenLoop openLoop(List<Shopper> shoppers, CpuSplit cpu, OpenRate rate) {
        CpuSplit.Reading start = cpu.read();
        OpenLoopPhase.Result phase = new OpenLoopPhase(strategy.id() + " browse at " + Math.round(rate.perSecond()) + "/s",
                Mix.BROWSE, shoppers, rate.perSecond(), settings.openLoop(), progress).run();
        return new StrategyResult.OpenLoop(phase, cpu.since(start, phase.requests()), rate.basis());
    }

    /** The open loop's rate, requests per second, and where it came from (the report says). */
    record OpenRate(double perSecond, String basis) {
    }

    private StrategyResult.Measured measure(Mix mix, List<Shopper> shoppers, CpuSplit cpu) {
        CpuSplit.Reading start = cpu.read();
        LoadPhase.Result phase = new LoadPhase(strategy.id() + " " + mix.label(), mix, shoppers, settings.measure(), progress).run();
        return new StrategyResult.Measured(phase, cpu.since(start, phase.requests()));
    }

    /**
     * The shop mix in slices until the JVMs are warm: at least {@code warmUp}, and until the last three
     * slices agree within 5 %, at most {@code warmUpLimit}. Payara on this 2-core machine keeps getting
     * faster for minutes (the JIT compiles its deep call stacks bit by bit): measured, 140 requests/s after
     * 10 s, 390 after 70 s, over 600 later; a comparison between strategies means little before that ends.
     */
    private void warmUp(List<Shopper> shoppers) {
        Duration slice = settings.warmUp().compareTo(WARM_UP_SLICE) < 0 ? settings.warmUp() : WARM_UP_SLICE;
        Duration spent = Duration.ZERO;
        List<Double> rates = new ArrayList<>();
        while (true) {
            rates.add(new LoadPhase(strategy.id() + " warm-up", Mix.SHOP, shoppers, slice, progress).run().requestsPerSecond());
            spent = spent.plus(slice);
            List<Double> last = rates.subList(Math.max(0, rates.size() - 3), rates.size());
            double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            boolean steady = last.size() == 3 && max - min <= 0.05 * max;
            if (spent.compareTo(settings.warmUpLimit()) >= 0 || (steady && spent.compareTo(settings.warmUp()) >= 0)) {
                progress.step(strategy.id() + ": warm-up ended after " + spent.toSeconds() + " s (" + Math.round(rates.get(rates.size() - 1))
                        + " requests/s" + (steady ? ", steady" : ", the limit") + ")");
                warmUpSeconds = spent.toSeconds();
                warmUpSteady = steady;
                return;
            }
        }
    }

    // ---- failover under load ----

    /**
     * The shop mix while instance {@link BenchmarkSettings#KILLED_INSTANCE} is killed, then while it is started
     * again ({@code deployment/shop start}, which keeps it out of nginx until it is ready) and a few seconds
     * after; then every shopper's cart against its own record. A booting Payara answers 404 with its own
     * error page until the shop is deployed: the second phase counts what of that reaches the shoppers.
     */
    private StrategyResult.Failover failover(List<Shopper> shoppers) {
        if (strategy.home() == BenchStrategy.Home.GRID) {
            // The memory figures created thousands of sessions: let their backups settle first, or the kill
            // would test a migration instead of a failover.
            grid.awaitSafe(LocalTopology.INSTANCES, GRID_SAFE_TIMEOUT);
        }
        int killed = BenchmarkSettings.KILLED_INSTANCE;
        LoadPhase.Result phase = new LoadPhase(strategy.id() + " failover (kill shop-" + killed + ")", Mix.SHOP, shoppers,
                settings.failover(), progress).run(settings.killAt(), () -> topology.kill(killed));
        Duration[] startTook = new Duration[1];
        LoadPhase.Result restart = new LoadPhase(strategy.id() + " failover (start shop-" + killed + ")", Mix.SHOP, shoppers,
                START_LIMIT, progress).runAround(() -> startTook[0] = timedStart(killed), settings.afterStart());
        int lost = 0;
        int failed = 0;
        List<String> examples = new ArrayList<>();
        for (Shopper shopper : shoppers) {
            try {
                Map<String, Integer> cart = shopper.cart();
                if (!shopper.record().allows(cart)) {
                    lost++;
                    if (examples.size() < 5) {
                        examples.add("shopper " + shopper.number() + ": expected " + shopper.record() + ", found " + cart);
                    }
                }
            } catch (IOException e) {
                failed++;
                if (examples.size() < 5) {
                    examples.add("shopper " + shopper.number() + ": cart unreadable: " + e.getMessage());
                }
            }
        }
        return new StrategyResult.Failover(phase, restart, startTook[0], killed, shoppers.size(), lost, failed, examples);
    }

    /** How long {@code deployment/shop start n} took; null when it failed (the report then says so). */
    private Duration timedStart(int n) {
        long started = System.nanoTime();
        try {
            topology.start(n);
            return Duration.ofNanos(System.nanoTime() - started);
        } catch (RuntimeException e) {
            progress.step(strategy.id() + ": deployment/shop start " + n + " failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Before anything is measured: every shopper of a pinning strategy stays on one instance. A shopper that
     * moves (its address is not its own under ip_hash, or its jar lost the JSESSIONID that carries the
     * route) would measure reloads from the grid, or lose its cart, instead of the strategy.
     */
    private void checkPinned(List<Shopper> shoppers) {
        Map<String, Integer> perInstance = Pinning.check(shoppers, 3);
        progress.step(strategy.id() + ": every shopper stays on its instance; shoppers per instance " + perInstance);
    }
}
