package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The nginx container's readiness gate (nginx/docker/40-shop-readiness-gate.sh), run as the image runs it:
 * after the template is rendered and before nginx starts, then in the background. The real nginx with
 * each routing's template, in front of a ready stand-in instance, a booting one (404 on everything, as
 * Payara before the shop is deployed) and one whose name does not resolve (a stopped container).
 */
class NginxReadinessGateTest {

    private static final Path GATE = Path.of(System.getProperty("shop.nginxDir", "../nginx"), "docker", "40-shop-readiness-gate.sh");
    /** A name that never resolves (RFC 6761), as a stopped container's on the compose network. */
    private static final String STOPPED = "shop-3.invalid:8080";

    @TempDir
    Path prefix;

    private final AtomicBoolean secondReady = new AtomicBoolean();
    /** Requests the booting instance got, other than its readiness probes. */
    private final AtomicInteger secondServed = new AtomicInteger();
    private HttpServer first;
    private HttpServer second;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalNginx nginx;

    @BeforeEach
    void instances() throws IOException {
        first = instance("shop-1", new AtomicBoolean(true), new AtomicInteger());
        second = instance("shop-2", secondReady, secondServed);
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        Path pid = prefix.resolve("gate/gate.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
        }
        if (nginx != null) {
            nginx.close();
        }
        first.stop(0);
        second.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sticky.conf.template", "round-robin.conf.template", "route-cookie.conf.template"})
    void aBootingInstanceGetsNoRequestUntilItIsReadyAndAStoppedOneDoesNotStopNginx(String template) throws Exception {
        int port = LocalNginx.freePort();
        LocalNginx.render(prefix, template, port, address(first), address(second), STOPPED);

        // given: the gate's first pass, then nginx (which alone would refuse the unresolvable name)
        ProcessBuilder gate = new ProcessBuilder("sh", GATE.toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/gate.log").toFile());
        gate.environment().putAll(Map.of(
                "SHOP_UPSTREAM_1", address(first), "SHOP_UPSTREAM_2", address(second), "SHOP_UPSTREAM_3", STOPPED,
                "SHOP_GATE_CONF", prefix.resolve("nginx/shop.conf").toString(),
                "SHOP_GATE_STATE", prefix.resolve("gate").toString(),
                "SHOP_GATE_NGINX", String.join(" ", LocalNginx.command(prefix)),
                "SHOP_GATE_PERIOD", "0.3"));
        assertEquals(0, gate.start().waitFor(), log());
        nginx = LocalNginx.startRendered(prefix, port);

        // when: clients of every kind (their own /24 for ip_hash, a route to the booting instance) shop
        for (int client = 1; client <= 30; client++) {
            Reply reply = get(port, client, client % 2 == 0 ? "JSESSIONID=abc.shop-2" : null);
            // then: every answer comes from the ready instance
            assertEquals(200, reply.status(), reply + "\n" + log());
            assertEquals("shop-1", reply.instance(), reply + "\n" + log());
        }
        assertEquals(0, secondServed.get(), "the booting instance got requests");

        // when: the booting instance is ready; then: nginx sends it requests within a few probe periods
        secondReady.set(true);
        Set<String> served = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!served.contains("shop-2") && Instant.now().isBefore(deadline)) {
            for (int client = 1; client <= 30; client++) {
                Reply reply = get(port, client, null);
                assertEquals(200, reply.status(), reply + "\n" + log());
                served.add(reply.instance());
            }
            Thread.sleep(100);
        }
        assertTrue(served.contains("shop-2"), "nginx never sent the ready instance a request: " + served + "\n" + log());
        assertTrue(log().contains("ready now: " + address(first) + " " + address(second) + " (was: " + address(first) + ")"), log());
    }

    /** A stand-in instance: /health/ready answers 200 when ready, everything else names it; 404 while it boots. */
    private static HttpServer instance(String name, AtomicBoolean ready, AtomicInteger served) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean probe = exchange.getRequestURI().getPath().equals("/health/ready");
            if (!probe) {
                served.incrementAndGet();
            }
            byte[] body = (ready.get() ? name : "Payara Micro #badassfish - Error report").getBytes(StandardCharsets.UTF_8);
            if (ready.get() && !probe) {
                exchange.getResponseHeaders().add("X-Shop-Instance", name);
            }
            exchange.sendResponseHeaders(ready.get() ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String address(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private Reply get(int port, int client, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", "10.9." + client + ".1");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("X-Shop-Instance").orElse("-"));
    }

    private record Reply(int status, String instance) {
    }

    private String log() {
        try {
            return Files.readString(prefix.resolve("logs/gate.log"));
        } catch (IOException e) {
            return "(no gate log: " + e + ")";
        }
    }
}
