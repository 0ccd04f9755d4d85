package dev.sessionshop.session.redis;

import dev.sessionshop.session.LocalServers;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The redis-server {@link ClientPathMeasurement} starts for itself: 127.0.0.1, a free port, no persistence,
 * its files under target/; stopped by its own process handle (SIGTERM, then SIGKILL), also when the run fails.
 */
final class RedisProcess {

    private final Path binary;
    private final int port;
    private final Process process;

    private RedisProcess(Path binary, int port, Process process) {
        this.binary = binary;
        this.port = port;
        this.process = process;
    }

    static RedisProcess start(Path dir) throws IOException, InterruptedException {
        Path binary = Path.of(System.getProperty("redis.server", "/usr/bin/redis-server"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("redis-server not found at " + binary
                    + " (Debian: apt-get install redis-server, or -Dredis.server=/path/to/redis-server)");
        }
        int port = LocalServers.freePort();
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString(), "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        RedisProcess redis = new RedisProcess(binary, port, process);
        try {
            LocalServers.awaitAnswer(process, redis::answers, "redis-server (see " + dir.resolve("redis.log") + ")");
        } catch (RuntimeException | InterruptedException e) {
            redis.stop();
            throw e;
        }
        return redis;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** "Redis server v=7.0.15 …", as the binary reports itself. */
    String version() {
        try {
            Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            try (InputStream out = version.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
                version.waitFor(5, TimeUnit.SECONDS);
                return text.replaceFirst(" sha=.*", "");
            }
        } catch (IOException | InterruptedException e) {
            return "redis-server (version unknown)";
        }
    }

    /** A plain connection for the harness's own checks (RESP2, without Jedis's warning that it cannot negotiate). */
    Jedis jedis(Duration timeout) {
        int millis = (int) timeout.toMillis();
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis).autoNegotiateProtocol(false).build());
    }

    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try (Jedis jedis = jedis(Duration.ofMillis(200))) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
