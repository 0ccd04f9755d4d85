package dev.sessionshop.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * One simulated shopper: its own connection pool and cookie jar, which keeps every cookie it is given
 * as a browser does ({@code JSESSIONIDVERSION} matters to Payara's clustered sessions, and the route at
 * the end of {@code JSESSIONID} is what pins it under route-cookie routing), its own client address in
 * {@code X-Forwarded-For} (what {@code ip_hash} pins), and its own record of what it put in the cart.
 * Used by one thread at a time.
 */
final class Shopper {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The header in which the shop names the instance that served a request. */
    static final String INSTANCE_HEADER = "X-Shop-Instance";

    private final int number;
    private final URI shop;
    private final String address;
    private final HttpClient http;
    private final Random random;
    private final CartRecord record = new CartRecord();

    /**
     * @param number  the shopper's number; its address is {@code 10.77.<number>.10}, so every shopper is
     *                in a /24 of its own (ip_hash hashes the first three octets)
     */
    Shopper(int number, URI shop, long seed) {
        this.number = number;
        this.shop = shop;
        this.address = "10.77." + number + ".10";
        this.random = new Random(seed);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    int number() {
        return number;
    }

    CartRecord record() {
        return record;
    }

    /** One request of the mix: a read, or (with the mix's share) a cart change; or a peek. */
    Outcome step(Mix mix) {
        return switch (mix) {
            case READ_ONLY -> peek();
            case BROWSE, SHOP -> random.nextInt(100) < mix.changePercent() ? change() : read();
        };
    }

    /** A read that writes nothing to the session, not even the request count: {@code GET /api/labs/peek}. */
    Outcome peek() {
        return send(request("/api/labs/peek").GET(), false);
    }

    /** A read that uses the session without changing the cart: a product page, the cart page or its JSON. */
    Outcome read() {
        int pick = random.nextInt(4);
        String path = switch (pick) {
            case 0, 1 -> "/products/" + product();
            case 2 -> "/cart";
            default -> "/api/cart";
        };
        return send(request(path).GET(), false);
    }

    /**
     * A cart change: usually one more of some product, sometimes the removal of a line. One more of a
     * product already in the cart is a {@code PUT} of the new quantity, as the cart page's quantity field
     * does: idempotent, so nginx may send it again to another instance when the first one died before
     * answering. Only a product not in the cart yet needs the {@code POST}; it carries an
     * {@code Idempotency-Key}, so nginx may replay it too and the shop applies it once.
     */
    Outcome change() {
        List<String> held = List.copyOf(record.surelyHeld());
        if (!held.isEmpty() && random.nextInt(5) == 0) {
            return remove(held.get(random.nextInt(held.size())));
        }
        String id = product();
        int quantity = record.exactly(id);
        if (quantity <= 0) {
            return add(id, 1);
        }
        Outcome outcome = send(request("/api/cart/items/" + id)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + (quantity + 1) + "}")), true);
        if (outcome.ok()) {
            record.added(id, 1);
        } else if (outcome.ambiguous()) {
            record.maybeAdded(id, 1);
        }
        return outcome;
    }

    /** Removes a product's line, and notes it in the record. */
    Outcome remove(String productId) {
        Outcome outcome = send(request("/api/cart/items/" + productId).DELETE(), true);
        if (outcome.ok()) {
            record.removed(productId);
        } else if (outcome.ambiguous()) {
            record.maybeRemoved(productId);
        }
        return outcome;
    }

    /** Adds {@code quantity} of a product, and notes it in the record. */
    Outcome add(String productId, int quantity) {
        Outcome outcome = send(request("/api/cart/items")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}")), true);
        if (outcome.ok()) {
            record.added(productId, quantity);
        } else if (outcome.ambiguous()) {
            record.maybeAdded(productId, quantity);
        }
        return outcome;
    }

    /** The cart the shop holds for this shopper now: product id → quantity. */
    Map<String, Integer> cart() throws IOException {
        HttpResponse<String> response = exchange(request("/api/cart").header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/cart answered " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            Map<String, Integer> cart = new HashMap<>();
            for (JsonValue line : reader.readObject().getJsonArray("lines")) {
                JsonObject object = line.asJsonObject();
                cart.put(object.getString("productId"), object.getInt("quantity"));
            }
            return cart;
        }
    }

    /** A GET of a JSON resource (e.g. /api/session/location), or null when it does not answer 200. */
    JsonObject json(String path) throws IOException {
        HttpResponse<String> response = exchange(request(path).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * The instance that answers this shopper's next request (the shop's {@value #INSTANCE_HEADER}), or
     * empty when the answer does not name one.
     */
    Optional<String> servedBy() throws IOException {
        return exchange(request("/api/cart").header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue(INSTANCE_HEADER);
    }

    /** A GET of any path, measured like the mixes' requests. */
    Outcome get(String path) {
        return send(request(path).GET(), false);
    }

    /** A product the cart may still take one more of. */
    private String product() {
        while (true) {
            String id = Catalog.PRODUCT_IDS.get(random.nextInt(Catalog.PRODUCT_IDS.size()));
            if (record.atMost(id) < Catalog.MAX_QUANTITY) {
                return id;
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(shop.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("X-Forwarded-For", address);
    }

    private Outcome send(HttpRequest.Builder builder, boolean change) {
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = exchange(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            // Without the shop's header the answer is someone else's page: a booting Payara's 404, nginx's 502.
            String from = response.headers().firstValue(INSTANCE_HEADER).isPresent() ? "" : ", not from the shop";
            return new Outcome(start, System.nanoTime(), status, change, ok ? null : "HTTP " + status + " to " + request.method() + from);
        } catch (HttpTimeoutException e) {
            return new Outcome(start, System.nanoTime(), 0, change,
                    "no answer in " + REQUEST_TIMEOUT.toSeconds() + " s to " + request.method());
        } catch (IOException e) {
            return new Outcome(start, System.nanoTime(), 0, change, e.getClass().getSimpleName() + " on " + request.method());
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
