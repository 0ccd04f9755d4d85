package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The real nginx with the shop's configuration (the files in {@code nginx/}, rendered as the launcher
 * renders them; round robin unless a test names another template) on a free loopback port, in front of the three upstream addresses a test gives.
 * Its prefix, configuration and logs are in the test's temporary directory; {@link #close()} stops it.
 */
final class LocalNginx implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path CONFIG = Path.of(System.getProperty("shop.nginxDir", "../nginx"));

    private final Process process;
    private final int port;

    private LocalNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalNginx start(Path prefix, String upstream1, String upstream2, String upstream3)
            throws IOException, InterruptedException {
        return start(prefix, "round-robin.conf.template", upstream1, upstream2, upstream3);
    }

    /** As above, with another of the templates in {@code nginx/templates/}. */
    static LocalNginx start(Path prefix, String template, String upstream1, String upstream2, String upstream3)
            throws IOException, InterruptedException {
        int port = freePort();
        render(prefix, template, port, upstream1, upstream2, upstream3);
        return startRendered(prefix, port);
    }

    /**
     * Lays out the prefix and renders {@code template} into {@code <prefix>/nginx/shop.conf} (returned), to
     * listen on {@code port}; {@link #startRendered} then starts nginx on it.
     */
    static Path render(Path prefix, String template, int port, String upstream1, String upstream2, String upstream3)
            throws IOException {
        Path conf = Files.createDirectories(prefix.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(conf.resolve("temp"));
        Files.copy(CONFIG.resolve("local/nginx.conf"), conf.resolve("nginx.conf"));
        Files.copy(CONFIG.resolve("shop-proxy.conf"), conf.resolve("shop-proxy.conf"));
        String text = Files.readString(CONFIG.resolve("templates").resolve(template));
        for (Map.Entry<String, String> variable : Map.of("NGINX_LISTEN", "127.0.0.1:" + port,
                "SHOP_UPSTREAM_1", upstream1, "SHOP_UPSTREAM_2", upstream2, "SHOP_UPSTREAM_3", upstream3).entrySet()) {
            text = text.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        return Files.writeString(conf.resolve("shop.conf"), text);
    }

    /** Starts nginx on a prefix that {@link #render} laid out. */
    static LocalNginx startRendered(Path prefix, int port) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BINARY), "these tests run the real nginx: apt-get install -y nginx (.ci/run does)");
        // nginx.conf says "daemon off": this process is nginx's master, stopped in close().
        Process process = new ProcessBuilder(command(prefix)).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/nginx.out").toFile()).start();
        LocalNginx nginx = new LocalNginx(process, port);
        nginx.awaitListening();
        return nginx;
    }

    /** The nginx command for the prefix, as the launcher gives it: binary, prefix, configuration, error log. */
    static java.util.List<String> command(Path prefix) {
        return java.util.List.of(BINARY.toString(), "-p", prefix + "/", "-c", "nginx/nginx.conf", "-e", "logs/nginx.log");
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
    }
}
