package dev.sessionshop.benchmark;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One strategy, start to end, on a topology that is up: warm-up, the browse mix, the shop mix, the cost of
 * a session, and last (it breaks the topology) failover under load. The same shoppers go through every
 * phase, so each one's record of its cart covers all it did.
 */
final class StrategyRun {

    private static final Duration GRID_SAFE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);

    private final BenchStrategy strategy;
    private final BenchmarkSettings settings;
    private final LocalTopology topology;
    private final Progress progress;
    private final GridProbe grid = new GridProbe();
    private long warmUpSeconds;
    private boolean warmUpSteady;

    StrategyRun(BenchStrategy strategy, BenchmarkSettings settings, LocalTopology topology, Progress progress) {
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
        CpuMeter instances = new CpuMeter(aliveInstances().stream().map(topology::pid).toList());
        CpuMeter store = storeMeter();
        Measured browse = measure(Mix.BROWSE, shoppers, instances, store);
        Measured shop = measure(Mix.SHOP, shoppers, instances, store);
        StrategyResult.Cost cost = cost();
        StrategyResult.Failover failover = failover(shoppers);
        return new StrategyResult(strategy, new StrategyResult.WarmUp(warmUpSeconds, warmUpSteady), browse.phase(), shop.phase(), failover, cost,
                new StrategyResult.Cpu(browse.instanceMillis(), shop.instanceMillis(), browse.storeMillis(), shop.storeMillis()));
    }

    private Measured measure(Mix mix, List<Shopper> shoppers, CpuMeter instances, CpuMeter store) {
        Duration instancesBefore = instances.used();
        Duration storeBefore = store.used();
        LoadPhase.Result phase = new LoadPhase(strategy.id() + " " + mix.label(), mix, shoppers, settings.measure(), progress).run();
        double requests = Math.max(1, phase.requests());
        return new Measured(phase, (instances.used().minus(instancesBefore)).toNanos() / 1e6 / requests,
                (store.used().minus(storeBefore)).toNanos() / 1e6 / requests);
    }

    /** A measured mix and the CPU milliseconds per request that the instances and the store spent on it. */
    private record Measured(LoadPhase.Result phase, double instanceMillis, double storeMillis) {
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

    private StrategyResult.Failover failover(List<Shopper> shoppers) {
        if (strategy.home() == BenchStrategy.Home.GRID) {
            // The memory figures created thousands of sessions: let their backups settle first, or the kill
            // would test a migration instead of a failover.
            grid.awaitSafe(LocalTopology.INSTANCES, GRID_SAFE_TIMEOUT);
        }
        int killed = BenchmarkSettings.KILLED_INSTANCE;
        LoadPhase.Result phase = new LoadPhase(strategy.id() + " failover (kill shop-" + killed + ")", Mix.SHOP, shoppers,
                settings.failover(), progress).run(settings.killAt(), () -> topology.kill(killed));
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
        return new StrategyResult.Failover(phase, killed, shoppers.size(), lost, failed, examples);
    }

    // ---- what a session costs ----

    private StrategyResult.Cost cost() {
        progress.step(strategy.id() + ": session cost (a typical cart, store traffic per request, " + settings.liveSessions() + " sessions)");
        Shopper typical = new Shopper(200, LocalTopology.SHOP, 7);
        typical.add("espresso-beans", 2);
        typical.add("stoneware-mug", 1);
        typical.add("paper-filters", 1);
        long typicalBytes = typicalBytes(typical);
        String typicalCart = "3 lines, 4 items";

        List<StrategyResult.RequestCost> perRequest = new ArrayList<>();
        perRequest.add(requestCost(typical, "page view", "GET /products/{id}: reads the session, counts the request",
                () -> typical.get("/products/kettle")));
        perRequest.add(requestCost(typical, "cart read", "GET /api/cart: reads the session, counts the request",
                () -> typical.get("/api/cart")));
        perRequest.add(requestCost(typical, "read only", "GET /api/labs/peek: reads the session, changes nothing",
                () -> typical.get("/api/labs/peek")));
        AtomicInteger next = new AtomicInteger();
        // One more of each product in turn. The passes send more additions than the cart holds (99 of each
        // of the 14 products): a line that is full is removed first, one extra request per 99 additions.
        perRequest.add(requestCost(typical, "cart change", "POST /api/cart/items: reads, changes the cart", () -> {
            String productId = Catalog.PRODUCT_IDS.get(next.getAndIncrement() % Catalog.PRODUCT_IDS.size());
            if (typical.record().atMost(productId) >= Catalog.MAX_QUANTITY) {
                Outcome removed = typical.remove(productId);
                if (!removed.ok()) {
                    return removed;
                }
            }
            return typical.add(productId, 1);
        }));

        List<Integer> alive = aliveInstances();
        // The same requests first without new sessions (each thread keeps its cookies): whatever they fill
        // on the way (pools, caches, compiled code) is then in the baseline, and the difference is the
        // sessions'.
        sendAdditions(settings.liveSessions(), false);
        List<Map<String, Long>> before = histograms(alive);
        long storeBefore = storeBytes();
        sendAdditions(settings.liveSessions(), true);
        List<Map<String, Long>> after = histograms(alive);
        long storeAfter = storeBytes();

        long[] heapBefore = new long[LocalTopology.INSTANCES];
        long[] heapAfter = new long[LocalTopology.INSTANCES];
        long[] heapGrowth = new long[LocalTopology.INSTANCES];
        Map<String, Long> grownClasses = new java.util.HashMap<>();
        for (int i = 0; i < LocalTopology.INSTANCES; i++) {
            if (before.get(i) == null || after.get(i) == null) {
                heapBefore[i] = heapAfter[i] = heapGrowth[i] = -1;
                continue;
            }
            heapBefore[i] = HeapProbe.total(before.get(i));
            heapAfter[i] = HeapProbe.total(after.get(i));
            Map<String, Long> growth = HeapProbe.growth(before.get(i), after.get(i));
            heapGrowth[i] = HeapProbe.total(growth);
            growth.forEach((name, bytes) -> grownClasses.merge(name, bytes, Long::sum));
        }
        List<String> topGrowth = grownClasses.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .map(e -> e.getKey() + ": " + e.getValue())
                .toList();
        return new StrategyResult.Cost(typicalCart, typicalBytes, perRequest, settings.liveSessions(),
                heapBefore, heapAfter, heapGrowth, topGrowth, storeBefore, storeAfter);
    }

    private long typicalBytes(Shopper shopper) {
        try {
            JsonObject location = shopper.json("/api/session/location");
            if (location == null) {
                return -1;
            }
            return switch (strategy.home()) {
                case REDIS -> location.containsKey("redis") ? location.getJsonObject("redis").getJsonNumber("sizeBytes").longValue() : -1;
                case GRID -> location.containsKey("grid") ? location.getJsonObject("grid").getJsonNumber("entryBytes").longValue() : -1;
                case MEMORY -> -1;
            };
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/session/location failed", e);
        }
    }

    private StrategyResult.RequestCost requestCost(Shopper shopper, String kind, String description, Supplier<Outcome> request) {
        int n = settings.costRequests();
        Map<String, Long> sent = Map.of();
        Map<String, Long> inScripts = Map.of();
        long roundTrips = 0;
        Map<String, Long> gridOperations = Map.of();
        switch (strategy.home()) {
            case REDIS -> {
                RedisProbe redis = redis();
                try (RedisProbe.Monitor monitor = redis.monitor()) {
                    long start = System.nanoTime();
                    long readsBefore = redis.info("stats", "total_reads_processed");
                    issue(request, n, kind);
                    long readsAfter = redis.info("stats", "total_reads_processed");
                    long elapsed = System.nanoTime() - start;
                    sent = monitor.settle();
                    inScripts = monitor.inScripts();
                    long idle = idleReads(redis, Duration.ofNanos(elapsed));
                    roundTrips = Math.max(0, readsAfter - readsBefore - idle);
                }
            }
            case GRID -> {
                List<Integer> alive = aliveInstances();
                GridProbe.Totals before = grid.totals(alive);
                issue(request, n, kind);
                GridProbe.Totals after = grid.totals(alive);
                gridOperations = RedisProbe.delta(before.operations(), after.operations());
            }
            case MEMORY -> issue(request, n, kind);
        }
        double[] cpu = cpuPerRequest(request, n, kind);
        return new StrategyResult.RequestCost(kind, description, n, sent, roundTrips, inScripts, gridOperations,
                cpu[0], cpu[1]);
    }

    /**
     * The same requests again, without {@code MONITOR} (which costs Redis a reply per command), after as
     * many unmeasured ones (a kind the mixes do not send is still cold): the CPU the instances and Redis
     * spent on them, each less what it spends idle in a window as long (background threads, the grid's
     * heartbeats), per request.
     */
    private double[] cpuPerRequest(Supplier<Outcome> request, int n, String kind) {
        issue(request, n, kind);
        CpuMeter instances = new CpuMeter(aliveInstances().stream().map(topology::pid).toList());
        CpuMeter store = storeMeter();
        Duration instancesBefore = instances.used();
        Duration storeBefore = store.used();
        long start = System.nanoTime();
        issue(request, n, kind);
        Duration instancesBusy = instances.used().minus(instancesBefore);
        Duration storeBusy = store.used().minus(storeBefore);
        long elapsedMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        instancesBefore = instances.used();
        storeBefore = store.used();
        try {
            Thread.sleep(elapsedMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration instancesIdle = instances.used().minus(instancesBefore);
        Duration storeIdle = store.used().minus(storeBefore);
        return new double[]{Math.max(0, instancesBusy.minus(instancesIdle).toNanos()) / 1e6 / n,
                Math.max(0, storeBusy.minus(storeIdle).toNanos()) / 1e6 / n};
    }

    private static void issue(Supplier<Outcome> request, int n, String kind) {
        for (int i = 0; i < n; i++) {
            Outcome outcome = request.get();
            if (!outcome.ok()) {
                throw new IllegalStateException(kind + " request failed while measuring its cost: " + outcome.failure());
            }
        }
    }

    /** What Redis reads from its clients in an idle window as long as the measured one (INFO calls included). */
    private static long idleReads(RedisProbe redis, Duration window) {
        long before = redis.info("stats", "total_reads_processed");
        try {
            Thread.sleep(Math.max(1, window.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return redis.info("stats", "total_reads_processed") - before;
    }

    /** The CPU of Redis, for a strategy with its sessions there; of nothing otherwise. */
    private CpuMeter storeMeter() {
        return new CpuMeter(strategy.home() == BenchStrategy.Home.REDIS ? List.of(redis().info("server", "process_id")) : List.of());
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

    private RedisProbe redis() {
        return new RedisProbe(LocalTopology.REDIS_PRIMARY_PORT, topology.redisPassword());
    }

    private List<Integer> aliveInstances() {
        List<Integer> alive = new ArrayList<>();
        for (int n = 1; n <= LocalTopology.INSTANCES; n++) {
            Optional<ProcessHandle> process = pidOf(n).flatMap(ProcessHandle::of);
            if (process.isPresent() && process.get().isAlive()) {
                alive.add(n);
            }
        }
        return alive;
    }

    private Optional<Long> pidOf(int n) {
        try {
            return Optional.of(topology.pid(n));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The class histogram of each instance (index n-1); null for an instance that is not running. */
    private List<Map<String, Long>> histograms(List<Integer> alive) {
        List<Map<String, Long>> histograms = new ArrayList<>();
        for (int n = 1; n <= LocalTopology.INSTANCES; n++) {
            histograms.add(alive.contains(n) ? HeapProbe.histogram(topology.pid(n)) : null);
        }
        return histograms;
    }

    private long storeBytes() {
        return switch (strategy.home()) {
            case REDIS -> redis().info("memory", "used_memory");
            case GRID -> {
                GridProbe.Totals totals = grid.totals(aliveInstances());
                yield totals.ownedEntryBytes() + totals.backupEntryBytes();
            }
            case MEMORY -> -1;
        };
    }

    /**
     * {@code count} additions to a cart from {@code users} threads, from addresses spread over many /24s
     * so that ip_hash spreads them too. With {@code newSessions}, every one is a new client without
     * cookies, so each leaves a session that stays (one cart line); without, each thread keeps its cookies
     * and they all go to a handful of sessions.
     */
    private void sendAdditions(int count, boolean newSessions) {
        progress.step(strategy.id() + ": " + count + " additions to a cart, " + (newSessions ? "each in a new session" : "in " + settings.users() + " sessions"));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.users());
        List<Future<?>> workers = new ArrayList<>();
        HttpClient cookieless = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        for (int t = 0; t < settings.users(); t++) {
            HttpClient client = newSessions ? cookieless : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            int quantity = newSessions ? 2 : 1;
            // One address per thread when it keeps its session (ip_hash must keep sending it to its instance).
            String threadAddress = "10.99." + t + ".1";
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    String product = Catalog.PRODUCT_IDS.get(i % Catalog.PRODUCT_IDS.size());
                    HttpRequest request = HttpRequest.newBuilder(LocalTopology.SHOP.resolve("/api/cart/items"))
                            .timeout(Shopper.REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", newSessions ? "10." + (100 + i / 256 % 100) + "." + (i % 256) + ".1" : threadAddress)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}"))
                            .build();
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (Exception e) {
                throw new IllegalStateException("sending additions to a cart failed", e);
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " additions to a cart failed");
        }
    }
}
