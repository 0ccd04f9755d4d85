package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionIds;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Which Redis client path a page view should take (issue 17): a {@code main}, not a test, that starts its own
 * redis-server, writes realistic sessions through {@link RedisSessionStore}, and measures the page view's one
 * round trip (the read script's {@code EVALSHA}) through each of {@link ClientPaths}: ops/s, this JVM's CPU,
 * its context switches and redis-server's CPU, per operation, at 1 and 16 threads, in rounds whose order
 * alternates. It prints a Markdown table and writes it to {@code target/client-path.md}. How to run it and
 * what it decided: session-store/README.md, "Which Redis client, and why".
 *
 * <p>{@code -DclientPath.rounds=5}, {@code -DclientPath.seconds=5} (per variant and thread count),
 * {@code -DclientPath.threads=1,4,16} (16: the benchmark's shoppers; 4: about what one of its three instances serves),
 * {@code -Dredis.server=/usr/bin/redis-server}. A round during which a {@code benchmark.jar} runs on the machine
 * is discarded and run again once it is gone.
 */
public final class ClientPathMeasurement {

    /** The benchmark's shopper count: one session per thread at most, and the Jedis pool's size. */
    private static final int SESSIONS = 16;
    private static final int WARM_UP_OPERATIONS = 20_000;
    private static final Duration BENCHMARK_POLL = Duration.ofSeconds(60);

    private ClientPathMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("clientPath.rounds", 5);
        Duration window = Duration.ofSeconds(Integer.getInteger("clientPath.seconds", 5));
        int[] threads = java.util.Arrays.stream(System.getProperty("clientPath.threads", "1,4,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path target = targetDirectory();
        RedisProcess redis = RedisProcess.start(target.resolve("client-path-redis"));
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
        try {
            run(redis, rounds, window, threads, target);
        } finally {
            redis.stop();
        }
    }

    private static void run(RedisProcess redis, int rounds, Duration window, int[] threadCounts, Path target) throws Exception {
        RedisSessionConfig config = AgainstRedis.config(redis.uri());
        List<String> ids = writeSessions(config);
        String setup = describeSetup(redis, config, ids, rounds, window);
        System.out.println(setup);
        List<ClientPaths> paths = List.of(ClientPaths.store(config), ClientPaths.leanLettuce(config, false),
                ClientPaths.leanLettuce(config, true), ClientPaths.jedisPool(config, redis.port(), SESSIONS));
        try {
            Rounds results = new Rounds();
            for (ClientPaths path : paths) {
                for (int threads : threadCounts) {
                    Window.warmUp(path, threads, ids, WARM_UP_OPERATIONS);
                }
            }
            for (int round = 0; round < rounds; round++) {
                awaitNoBenchmark();
                Rounds.Round measured = measureRound(paths, threadCounts, round, ids, window, redis.pid());
                if (BenchmarkProcess.isRunning()) {
                    System.out.printf("round %d: a benchmark.jar ran meanwhile; discarded, run again%n", round + 1);
                    round--;
                    continue;
                }
                results.add(measured);
            }
            String report = setup + "\n" + results.table(paths, threadCounts)
                    + "\nLoad average at the end: " + CostCounters.loadAverage() + "\n";
            Files.writeString(target.resolve("client-path.md"), report, StandardCharsets.UTF_8);
            System.out.println(results.table(paths, threadCounts));
            System.out.println("Written to " + target.resolve("client-path.md"));
        } finally {
            paths.forEach(ClientPaths::close);
        }
    }

    /** One round: every path at every thread count, in an order that turns from round to round (a b c d, d c b a, b c d a …). */
    private static Rounds.Round measureRound(List<ClientPaths> paths, int[] threadCounts, int round, List<String> ids, Duration window, long redisPid)
            throws InterruptedException {
        List<ClientPaths> order = new ArrayList<>(paths);
        java.util.Collections.rotate(order, -(round / 2));
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        Rounds.Round measured = new Rounds.Round();
        for (int threads : threadCounts) {
            for (ClientPaths path : order) {
                CostCounters.PerOperation cost = Window.measure(path, threads, ids, window, redisPid);
                System.out.printf("round %d, %2d thread(s), %-22s %8.0f ops/s  JVM %6.1f µs/op  %5.2f cs/op  redis %5.1f µs/op%n",
                        round + 1, threads, path.name(), cost.opsPerSecond(), cost.jvmCpuMicros(), cost.contextSwitches(),
                        cost.redisCpuMicros());
                measured.put(path.name(), threads, cost);
            }
        }
        return measured;
    }

    private static void awaitNoBenchmark() throws InterruptedException {
        while (BenchmarkProcess.isRunning()) {
            System.out.println("a benchmark.jar runs on this machine: waiting " + BENCHMARK_POLL.toSeconds() + " s");
            TimeUnit.SECONDS.sleep(BENCHMARK_POLL.toSeconds());
        }
    }

    /** Sessions as the shop keeps them (a three-line cart, a CSRF token, a display name), written by the store itself. */
    private static List<String> writeSessions(RedisSessionConfig config) throws IOException {
        List<String> ids = new ArrayList<>();
        try (RedisSessionStore store = RedisSessionStore.start(config)) {
            for (int i = 0; i < SESSIONS; i++) {
                String id = SessionIds.newId();
                long now = System.currentTimeMillis();
                Map<String, byte[]> attributes = Map.of(
                        "shop.cart", serialized(cart(i)),
                        "shop.csrfToken", serialized(SessionIds.newId()),
                        "shop.displayName", serialized("Shopper " + i));
                store.write(id, SessionBackend.WriteMode.CREATE, 0,
                        new SessionBackend.SessionWrite(now, now, 1800, false, attributes, Set.of()));
                store.load(id, SessionBackend.Read.REQUEST).orElseThrow(); // loads the script into Redis (NOSCRIPT, then EVAL)
                ids.add(id);
            }
        }
        return ids;
    }

    /** Three cart lines, about the bytes of the shop's own three-line cart (a session of ~1.1 KB in MEMORY USAGE). */
    private static ArrayList<LinkedHashMap<String, Serializable>> cart(int shopper) {
        ArrayList<LinkedHashMap<String, Serializable>> lines = new ArrayList<>();
        for (int line = 0; line < 3; line++) {
            LinkedHashMap<String, Serializable> item = new LinkedHashMap<>();
            item.put("sku", "SKU-" + (1000 + shopper * 3 + line));
            item.put("qty", 1 + line);
            lines.add(item);
        }
        return lines;
    }

    private static byte[] serialized(Serializable value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static String describeSetup(RedisProcess redis, RedisSessionConfig config, List<String> ids, int rounds, Duration window) {
        String key = config.keyPrefix() + ids.get(0);
        long memory;
        int fields;
        try (Jedis jedis = redis.jedis(Duration.ofSeconds(2))) {
            memory = jedis.memoryUsage(key);
            fields = (int) jedis.hlen(key);
        }
        return String.join("\n",
                "# Client path for a page view: EVALSHA of the read script",
                "",
                "- date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", commit: " + Git.describeHead(),
                "- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average at the start "
                        + CostCounters.loadAverage() + "; Java " + Runtime.version(),
                "- " + redis.version() + " on 127.0.0.1 (--save '' --appendonly no); Lettuce "
                        + io.lettuce.core.RedisClient.class.getPackage().getImplementationVersion()
                        + " (native epoll available: " + io.lettuce.core.resource.EpollProvider.isAvailable() + "), Jedis "
                        + jarName(Jedis.class),
                "- " + SESSIONS + " sessions written by RedisSessionStore, " + fields + " fields each, MEMORY USAGE "
                        + memory + " bytes; thread i reads session i",
                "- warm-up " + WARM_UP_OPERATIONS + " ops per path and thread count; then " + rounds + " rounds of "
                        + window.toSeconds() + " s per path and thread count, the order turning each round",
                "- per operation: JVM CPU = getProcessCpuTime delta / ops; cs = voluntary + nonvoluntary context switches "
                        + "of all this JVM's threads; redis CPU = utime + stime of redis-server (10 ms ticks) / ops",
                "");
    }

    /** "jedis-8.0.2.jar": the version of a library that does not state it in its manifest. */
    private static String jarName(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath().replaceFirst(".*/", "");
    }

    private static Path targetDirectory() throws URISyntaxException {
        // target/test-classes, where this class was loaded from: its parent is the module's target/.
        return Path.of(ClientPathMeasurement.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    /** Whether the system benchmark (a java process running a benchmark.jar) is running on this machine: read-only. */
    static final class BenchmarkProcess {

        private BenchmarkProcess() {
        }

        static boolean isRunning() {
            try (var processes = Files.list(Path.of("/proc"))) {
                return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                        .anyMatch(BenchmarkProcess::runsBenchmarkJar);
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean runsBenchmarkJar(Path process) {
            try {
                String[] argv = Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8).split("\0");
                // A java whose argument is the jar: not a shell whose command line merely mentions it.
                return argv.length > 1 && argv[0].endsWith("java")
                        && java.util.Arrays.stream(argv).anyMatch(arg -> arg.endsWith("benchmark.jar"));
            } catch (IOException | RuntimeException e) {
                return false; // ended meanwhile, or not ours to read
            }
        }
    }

    /** The commit measured, from the working directory's git (with "+changes" when the tree differs from it). */
    static final class Git {

        private Git() {
        }

        static String describeHead() {
            String head = output("git", "rev-parse", "--short", "HEAD");
            String changes = output("git", "status", "--porcelain", "--untracked-files=no");
            return head.isEmpty() ? "unknown" : changes.isEmpty() ? head : head + "+changes";
        }

        private static String output(String... command) {
            try {
                Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
                String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return git.waitFor() == 0 ? text : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
