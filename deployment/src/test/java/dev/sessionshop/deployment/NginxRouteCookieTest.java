package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route-cookie configuration (sticky-cookie, clustering-sticky) with the real nginx, in front of three
 * stand-in instances that answer their own name: the route at the end of {@code JSESSIONID} picks the
 * instance, whatever the client's address; no route means round robin; a dead instance's clients go to a
 * backup.
 */
class NginxRouteCookieTest {

    @TempDir
    Path prefix;

    private final List<HttpServer> instances = new ArrayList<>();
    private LocalNginx nginx;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String name = "shop-" + n;
            HttpServer instance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            instance.createContext("/", exchange -> {
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            instance.start();
            instances.add(instance);
            addresses.add("127.0.0.1:" + instance.getAddress().getPort());
        }
        nginx = LocalNginx.start(prefix, "route-cookie.conf.template", addresses.get(0), addresses.get(1), addresses.get(2));
    }

    @AfterEach
    void stop() throws Exception {
        nginx.close();
        instances.forEach(instance -> instance.stop(0));
    }

    private String servedBy(String cookie, String clientAddress) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/api/cart"))
                .header("X-Forwarded-For", clientAddress);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void theRouteInTheSessionCookiePicksTheInstanceFromAnyNetwork() throws Exception {
        for (int n = 1; n <= 3; n++) {
            Set<String> served = new TreeSet<>();
            for (int client = 1; client <= 6; client++) {
                served.add(servedBy("JSESSIONID=Q2x0aGlzaXNhc2Vzc2lvbmlk.shop-" + n, "10." + client + ".0.1"));
            }
            assertEquals(Set.of("shop-" + n), served, "route shop-" + n);
        }
    }

    @Test
    void withoutARouteClientsOfOneNetworkGoRoundRobin() throws Exception {
        Set<String> served = new TreeSet<>();
        for (int request = 0; request < 6; request++) {
            served.add(servedBy(request % 2 == 0 ? null : "JSESSIONID=no-route-here", "10.88.1." + (10 + request)));
        }
        assertEquals(Set.of("shop-1", "shop-2", "shop-3"), served);
    }

    @Test
    void theClientsOfADeadInstanceGoToItsBackup() throws Exception {
        instances.get(1).stop(0);

        assertEquals("shop-3", servedBy("JSESSIONID=abc.shop-2", "10.1.0.1"), "shop-2's first backup");
        assertEquals("shop-1", servedBy("JSESSIONID=abc.shop-1", "10.1.0.1"), "other routes are untouched");
    }
}
