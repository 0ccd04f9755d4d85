package dev.sessionshop.session.redis;

import dev.sessionshop.session.LocalServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real, throw-away {@code redis-server} on 127.0.0.1 and a free port (no persistence), and
 * stops it by its own process handle. Missing binary = failure, never a skip: these tests are the
 * proof that the store works against Redis.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {


    private final Path binary = Path.of(System.getProperty("redis.server", "/usr/bin/redis-server"));
    private int port;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts redis-server on {@link #port()} (unless it runs) and waits until it answers PING. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("redis-server not found at " + binary
                    + ": the *IT tests need a real Redis. Install it (Debian: apt-get install redis-server)"
                    + " or point -Dredis.server=/path/to/redis-server at one.");
        }
        Path dir = Path.of(System.getProperty("redis.workDir", "target/redis-it")).resolve("port-" + port);
        Files.createDirectories(dir);
        process = new ProcessBuilder(binary.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString(),
                "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        LocalServers.awaitAnswer(process, this::ping, "redis-server (see " + dir.resolve("redis.log") + ")");
    }

    /** Stops the server this extension started (SIGTERM, then SIGKILL if it lingers). */
    void stop() throws InterruptedException {
        closeClient();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** Plain synchronous commands for the test's own checks (a separate connection from the store's). */
    RedisCommands<String, byte[]> redis() {
        if (connection == null || !connection.isOpen()) {
            closeClient();
            client = RedisClient.create(RedisURI.create(uri()));
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }
        return connection.sync();
    }

    /** Calls per command name from INFO commandstats, e.g. {"evalsha": 3, "hset": 1}. */
    Map<String, Long> commandStats() {
        String info = redis().info("commandstats");
        Map<String, Long> calls = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String value = line.substring(line.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(value.substring(0, value.indexOf(','))));
            }
        }
        return calls;
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return "+PONG".equals(line);
        } catch (IOException e) {
            return false;
        }
    }

    private void closeClient() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }

    static int freePort() throws IOException {
        return LocalServers.freePort();
    }
}
