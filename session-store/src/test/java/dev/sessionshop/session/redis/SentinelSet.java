package dev.sessionshop.session.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A throw-away primary, one replica and three Sentinels on 127.0.0.1 and free ports, all with one
 * password: what the local topology runs, small enough for a test of the store alone. Stopped by the
 * process handles it holds, never by name.
 */
final class SentinelSet implements AutoCloseable {

    static final String MASTER = "shop";
    static final String PASSWORD = "it-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    private final Path binary = Path.of(System.getProperty("redis.server", "/usr/bin/redis-server"));
    private final Path dir;
    private final int[] dataPorts = new int[2];
    private final Process[] data = new Process[2];
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final List<Process> sentinels = new ArrayList<>();

    SentinelSet() throws IOException {
        dir = Path.of(System.getProperty("redis.workDir", "target/redis-it")).resolve("sentinel-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
        for (int i = 0; i < 2; i++) {
            dataPorts[i] = RedisServerExtension.freePort();
        }
        for (int i = 0; i < 3; i++) {
            sentinelPorts.add(RedisServerExtension.freePort());
        }
    }

    /** Primary on node 0, replica on node 1, then the Sentinels; returns when the replica is in sync. */
    void start() throws Exception {
        startData(0, null);
        startData(1, dataPorts[0]);
        for (int i = 0; i < 3; i++) {
            Path conf = dir.resolve("sentinel-" + i + ".conf");
            // Sentinel rewrites its file (it records the replicas and, after a failover, the new primary).
            Files.writeString(conf, String.join("\n",
                    "port " + sentinelPorts.get(i), "bind 127.0.0.1", "dir " + dir.toAbsolutePath(),
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + dataPorts[0] + " 2",
                    "sentinel auth-pass " + MASTER + " " + PASSWORD,
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 10000",
                    "requirepass " + PASSWORD, ""));
            sentinels.add(new ProcessBuilder(binary.toString(), conf.toAbsolutePath().toString(), "--sentinel")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sentinel-" + i + ".log").toFile()))
                    .start());
        }
        await(Duration.ofSeconds(20), () -> role(1).startsWith("slave") && info(1).contains("master_link_status:up"));
        await(Duration.ofSeconds(20), () -> {
            for (int port : sentinelPorts) {
                if (!command(port, "SENTINEL", "REPLICAS", MASTER).contains(String.valueOf(dataPorts[1]))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** (Re)starts data node n; as a replica of {@code primaryPort} unless it is null. */
    void startData(int n, Integer primaryPort) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(dataPorts[n]), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toAbsolutePath().toString(), "--requirepass", PASSWORD, "--masterauth", PASSWORD));
        if (primaryPort != null) {
            command.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(primaryPort)));
        }
        data[n] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-" + n + ".log").toFile()))
                .start();
        await(Duration.ofSeconds(15), () -> command(dataPorts[n], "PING").equals("PONG"));
    }

    /** SIGKILL data node n: a crash, nothing flushed, no goodbye to clients or replicas. */
    void kill(int n) throws InterruptedException {
        data[n].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    int port(int n) {
        return dataPorts[n];
    }

    List<String> sentinelAddresses() {
        return sentinelPorts.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    /** The primary's port according to the first Sentinel that answers. */
    int primaryPort() {
        for (int port : sentinelPorts) {
            String reply = command(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
            String[] lines = reply.split("\n");
            if (lines.length == 2) {
                return Integer.parseInt(lines[1].trim());
            }
        }
        return -1;
    }

    String role(int n) {
        return command(dataPorts[n], "ROLE");
    }

    String info(int n) {
        return command(dataPorts[n], "INFO", "replication");
    }

    /** One command with the password on a fresh connection; the reply flattened to lines, or "ERR ...". */
    String command(int port, String... args) {
        RedisURI uri = RedisURI.Builder.redis("127.0.0.1", port).withPassword(PASSWORD.toCharArray())
                .withTimeout(Duration.ofSeconds(2)).build();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
            for (int i = 1; i < args.length; i++) {
                commandArgs.add(args[i]);
            }
            return flatten(connection.sync().dispatch(new Keyword(args[0]), new NestedMultiOutput<>(StringCodec.UTF8), commandArgs));
        } catch (RuntimeException e) {
            return "ERR " + e.getMessage();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static String flatten(Object reply) {
        if (reply instanceof List<?> list) {
            StringBuilder text = new StringBuilder();
            for (Object each : list) {
                text.append(text.isEmpty() ? "" : "\n").append(flatten(each));
            }
            return text.toString();
        }
        return String.valueOf(reply);
    }

    private record Keyword(String name) implements ProtocolKeyword {
        @Override
        public byte[] getBytes() {
            return name.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(100); // poll interval
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : sentinels) {
            process.destroy();
        }
        for (Process process : data) {
            if (process != null) {
                process.destroy();
            }
        }
        for (Process process : sentinels) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        for (Process process : data) {
            if (process != null && !process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
