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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The session-cost phase of a strategy: one typical session's bytes in the store, the store's traffic and
 * the CPU per kind of request, and the heap and store growth with many live sessions. The strategy's home
 * decides what is asked: Redis ({@code MEMORY USAGE}, {@code MONITOR}, {@code INFO}), the grid (its map
 * statistics), or nothing beyond the heap for sessions in instance memory.
 */
final class SessionCost {

    private final BenchStrategy strategy;
    private final BenchmarkSettings settings;
    private final LocalTopology topology;
    private final Progress progress;
    private final GridProbe grid;

    SessionCost(BenchStrategy strategy, BenchmarkSettings settings, LocalTopology topology, Progress progress, GridProbe grid) {
        this.strategy = strategy;
        this.settings = settings;
        this.topology = topology;
        this.progress = progress;
        this.grid = grid;
    }

    /** The CPU of the store (the Redis primary, or both memcached nodes), for a strategy with its sessions there; of nothing otherwise. */
    static CpuMeter storeMeter(BenchStrategy strategy, LocalTopology topology) {
        return new CpuMeter(switch (strategy.home()) {
            case REDIS -> List.of(topology.redis().info("server", "process_id"));
            case MEMCACHED -> topology.memcached().pids();
            case MEMORY, GRID -> List.of();
        });
    }

    StrategyResult.Cost measure() {
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

        List<Integer> alive = topology.aliveInstances();
        // The same requests first without new sessions (each thread keeps its cookies): whatever they fill
        // on the way (pools, caches, compiled code) is then in the baseline, and the difference is the
        // sessions'.
        Map<String, Long> failed = new TreeMap<>(sendAdditions(settings.liveSessions(), false));
        List<Map<String, Long>> before = histograms(alive);
        long storeBefore = storeBytes();
        sendAdditions(settings.liveSessions(), true).forEach((reason, count) -> failed.merge(reason, count, Long::sum));
        List<Map<String, Long>> after = histograms(alive);
        long storeAfter = storeBytes();

        long[] heapBefore = new long[LocalTopology.INSTANCES];
        long[] heapAfter = new long[LocalTopology.INSTANCES];
        long[] heapGrowth = new long[LocalTopology.INSTANCES];
        Map<String, Long> grownClasses = new HashMap<>();
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
                heapBefore, heapAfter, heapGrowth, topGrowth, storeBefore, storeAfter, failed);
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
                case MEMCACHED -> location.containsKey("memcached") ? location.getJsonObject("memcached").getJsonNumber("sizeBytes").longValue() : -1;
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
                RedisProbe redis = topology.redis();
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
                List<Integer> alive = topology.aliveInstances();
                GridProbe.Totals before = grid.totals(alive);
                issue(request, n, kind);
                GridProbe.Totals after = grid.totals(alive);
                gridOperations = RedisProbe.delta(before.operations(), after.operations());
            }
            case MEMCACHED -> {
                // No MONITOR in memcached: its command counters, both nodes. The store's binary-protocol
                // client sends each command as a request of its own: one command, one round trip.
                MemcachedProbe memcached = topology.memcached();
                Map<String, Long> before = memcached.totals();
                issue(request, n, kind);
                sent = MemcachedProbe.commands(before, memcached.totals());
                roundTrips = sent.values().stream().mapToLong(Long::longValue).sum();
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
        CpuMeter instances = new CpuMeter(topology.aliveInstances().stream().map(topology::pid).toList());
        CpuMeter store = storeMeter(strategy, topology);
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
            case REDIS -> topology.redis().info("memory", "used_memory");
            case MEMCACHED -> topology.memcached().itemBytes();
            case GRID -> {
                GridProbe.Totals totals = grid.totals(topology.aliveInstances());
                yield totals.ownedEntryBytes() + totals.backupEntryBytes();
            }
            case MEMORY -> -1;
        };
    }

    /**
     * {@code count} additions to a cart from {@code users} threads, from addresses spread over many /24s
     * so that ip_hash spreads them too. With {@code newSessions}, every one is a new client without
     * cookies, so each leaves a session that stays (one cart line); without, each thread keeps its cookies
     * and they all go to a handful of sessions. A failed addition does not end the run (a full run is an
     * hour; a handful of failures in 10 000 barely moves a per-session figure): the report names them.
     *
     * @return the failures by reason ("HTTP 503", "HttpTimeoutException"), none when all succeeded
     */
    private Map<String, Long> sendAdditions(int count, boolean newSessions) {
        progress.step(strategy.id() + ": " + count + " additions to a cart, " + (newSessions ? "each in a new session" : "in " + settings.users() + " sessions"));
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
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
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            failures.computeIfAbsent("HTTP " + status, r -> new LongAdder()).increment();
                        }
                    } catch (IOException e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), r -> new LongAdder()).increment();
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
        Map<String, Long> byReason = new TreeMap<>();
        failures.forEach((reason, n) -> byReason.put(reason, n.sum()));
        if (!byReason.isEmpty()) {
            progress.step(strategy.id() + ": " + byReason.values().stream().mapToLong(Long::longValue).sum() + " of " + count
                    + " additions to a cart failed " + byReason + " (in the report)");
        }
        return byReason;
    }
}
