package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shoppers pin themselves as browsers do, against stand-ins for nginx on loopback: by the route at the
 * end of the JSESSIONID their jar keeps (route-cookie), and by a network of their own (ip_hash).
 */
class PinningTest {

    private static final Pattern ROUTE = Pattern.compile("JSESSIONID=[^;.]+\\.(shop-\\d)");

    private HttpServer server;
    private final AtomicInteger next = new AtomicInteger();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aShopperKeepsTheJsessionidWithItsRouteSoTheRouteCookieKeepsItOnOneInstance() throws IOException {
        // given nginx's route-cookie map: the route at the end of JSESSIONID picks the instance, round robin without one
        URI shop = serve(exchange -> {
            Matcher route = ROUTE.matcher(exchange.getRequestHeaders().getFirst("Cookie") == null ? "" : exchange.getRequestHeaders().getFirst("Cookie"));
            if (route.find()) {
                return route.group(1);
            }
            String instance = roundRobin();
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + next.get() + "ab." + instance + "; Path=/; HttpOnly; SameSite=Lax");
            return instance;
        });

        // when
        Map<String, Integer> perInstance = Pinning.check(shoppers(shop, 6), 4);

        // then every shopper stayed where its first request went, and the first requests spread
        assertEquals(Map.of("shop-1", 2, "shop-2", 2, "shop-3", 2), perInstance);
    }

    @Test
    void aShopperWithoutASessionGetsOneBeforeItIsChecked() throws IOException {
        // given a shop that sets the route cookie only when a request changes the cart, as the real one does
        List<String> methods = new ArrayList<>();
        URI shop = serve(exchange -> {
            methods.add(exchange.getRequestMethod());
            Matcher route = ROUTE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
            if (route.find()) {
                return route.group(1);
            }
            String instance = roundRobin();
            if (exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=x." + instance + "; Path=/");
            }
            return instance;
        });

        Map<String, Integer> perInstance = Pinning.check(shoppers(shop, 1), 3);

        assertEquals(List.of("POST", "GET", "GET", "GET"), methods);
        assertEquals(Map.of("shop-1", 1), perInstance);
    }

    @Test
    void aShopperThatMovesIsNamed() throws IOException {
        URI shop = serve(exchange -> roundRobin());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pinning.check(shoppers(shop, 2), 3));
        assertTrue(e.getMessage().startsWith("shopper 1 was served by [shop-"), e.getMessage());
    }

    @Test
    void everyShopperSendsAnAddressOfItsOwnNetworkForIpHash() throws IOException {
        Set<String> networks = ConcurrentHashMap.newKeySet();
        List<String> addresses = new ArrayList<>();
        URI shop = serve(exchange -> {
            String address = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
            if (exchange.getRequestMethod().equals("GET")) {
                synchronized (addresses) {
                    addresses.add(address);
                }
            }
            networks.add(address.substring(0, address.lastIndexOf('.')));
            return "shop-1";
        });

        Pinning.check(shoppers(shop, 16), 2);

        assertEquals(32, addresses.size());
        assertEquals(16, networks.size(), "ip_hash hashes the /24: " + networks);
        assertNotEquals(addresses.get(0), addresses.get(2));
    }

    private String roundRobin() {
        return "shop-" + (next.getAndIncrement() % 3 + 1);
    }

    private static List<Shopper> shoppers(URI shop, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> new Shopper(n, shop, n)).toList();
    }

    /** A stand-in shop whose {@code router} picks the instance that answers (and may set cookies). */
    private URI serve(Router router) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String instance = router.route(exchange);
            exchange.getResponseHeaders().add(Shopper.INSTANCE_HEADER, instance);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private interface Router {
        String route(HttpExchange exchange);
    }
}
