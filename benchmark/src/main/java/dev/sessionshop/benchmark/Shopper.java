package dev.sessionshop.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One simulated shopper: its own connection and cookie jar, which keeps every cookie it is given
 * as a browser does ({@code JSESSIONIDVERSION} matters to Payara's clustered sessions, and the route at
 * the end of {@code JSESSIONID} is what pins it under route-cookie routing), its own client address in
 * {@code X-Forwarded-For} (what {@code ip_hash} pins), and its own record of what it put in the cart.
 * Used by one thread at a time, on which it sends and waits: Apache HttpClient's classic client reads the
 * answer on the calling thread, where {@code java.net.http.HttpClient} hands every request to its selector
 * thread and back (two thread wake-ups a request, which on this machine's virtual cores cost the load
 * generator more than the answer itself; docs/benchmark/README.md, "Where the CPU went").
 */
final class Shopper {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The header in which the shop names the instance that served a request. */
    static final String INSTANCE_HEADER = "X-Shop-Instance";

    private final int number;
    private final URI shop;
    private final String address;
    private final CloseableHttpClient http;
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
        BasicHttpClientConnectionManager connection = new BasicHttpClientConnectionManager();
        connection.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(5))
                .setSocketTimeout(Timeout.of(REQUEST_TIMEOUT))
                .build());
        this.http = HttpClients.custom()
                .setConnectionManager(connection)
                .setDefaultCookieStore(new BasicCookieStore())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setCookieSpec(StandardCookieSpec.RELAXED)
                        .setResponseTimeout(Timeout.of(REQUEST_TIMEOUT))
                        .build())
                // No redirect followed, no gzip asked of nginx (java.net.http did neither), and a request
                // sent again only where a browser would.
                .disableRedirectHandling()
                .disableContentCompression()
                .setRetryStrategy(new AsABrowserDoes())
                .build();
    }

    /**
     * Sends a request once more, on a new connection, when the kept-alive connection it went out on was
     * closed or reset before any answer: what a browser does, and what nginx's graceful reload (which
     * {@code deployment/shop start} does twice) makes happen when it closes its idle connections under a
     * request. Only a request that may safely arrive twice: idempotent, or a {@code POST} with an
     * {@code Idempotency-Key}. An answer, whatever its status, is never sent again, nor is a refused connection.
     */
    static final class AsABrowserDoes implements HttpRequestRetryStrategy {

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            boolean closedUnderIt = exception instanceof NoHttpResponseException
                    || (exception instanceof SocketException && !(exception instanceof ConnectException));
            boolean safeTwice = Method.isIdempotent(request.getMethod()) || request.containsHeader("Idempotency-Key");
            return execCount == 1 && closedUnderIt && safeTwice;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
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
        return send(request(new HttpGet(path("/api/labs/peek"))), false);
    }

    /** A read that uses the session without changing the cart: a product page, the cart page or its JSON. */
    Outcome read() {
        int pick = random.nextInt(4);
        String path = switch (pick) {
            case 0, 1 -> "/products/" + product();
            case 2 -> "/cart";
            default -> "/api/cart";
        };
        return send(request(new HttpGet(path(path))), false);
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
        Outcome outcome = send(json(new HttpPut(path("/api/cart/items/" + id)), "{\"quantity\":" + (quantity + 1) + "}"), true);
        if (outcome.ok()) {
            record.added(id, 1);
        } else if (outcome.ambiguous()) {
            record.maybeAdded(id, 1);
        }
        return outcome;
    }

    /** Removes a product's line, and notes it in the record. */
    Outcome remove(String productId) {
        Outcome outcome = send(request(new HttpDelete(path("/api/cart/items/" + productId))), true);
        if (outcome.ok()) {
            record.removed(productId);
        } else if (outcome.ambiguous()) {
            record.maybeRemoved(productId);
        }
        return outcome;
    }

    /** Adds {@code quantity} of a product, and notes it in the record. */
    Outcome add(String productId, int quantity) {
        HttpPost post = json(new HttpPost(path("/api/cart/items")), "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}");
        post.setHeader("Idempotency-Key", UUID.randomUUID().toString());
        Outcome outcome = send(post, true);
        if (outcome.ok()) {
            record.added(productId, quantity);
        } else if (outcome.ambiguous()) {
            record.maybeAdded(productId, quantity);
        }
        return outcome;
    }

    /** The cart the shop holds for this shopper now: product id → quantity. */
    Map<String, Integer> cart() throws IOException {
        Answer answer = exchange(acceptingJson("/api/cart"), true);
        if (answer.status() != 200) {
            throw new IOException("GET /api/cart answered " + answer.status());
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
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
        Answer answer = exchange(acceptingJson(path), true);
        if (answer.status() != 200) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    /**
     * The instance that answers this shopper's next request (the shop's {@value #INSTANCE_HEADER}), or
     * empty when the answer does not name one.
     */
    Optional<String> servedBy() throws IOException {
        return exchange(acceptingJson("/api/cart"), false).instance();
    }

    /** A GET of any path, measured like the mixes' requests. */
    Outcome get(String path) {
        return send(request(new HttpGet(path(path))), false);
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

    private URI path(String path) {
        return shop.resolve(path);
    }

    private <R extends HttpUriRequestBase> R request(R request) {
        request.setHeader("X-Forwarded-For", address);
        return request;
    }

    private <R extends HttpUriRequestBase> R json(R request, String body) {
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return request(request);
    }

    private HttpGet acceptingJson(String path) {
        HttpGet get = request(new HttpGet(path(path)));
        get.setHeader("Accept", "application/json");
        return get;
    }

    private Outcome send(HttpUriRequestBase request, boolean change) {
        long start = System.nanoTime();
        try {
            Answer answer = exchange(request, false);
            int status = answer.status();
            boolean ok = status >= 200 && status < 300;
            // Without the shop's header the answer is someone else's page: a booting Payara's 404, nginx's 502.
            String from = answer.instance().isPresent() ? "" : ", not from the shop";
            return new Outcome(start, System.nanoTime(), status, change, ok ? null : "HTTP " + status + " to " + request.getMethod() + from);
        } catch (SocketTimeoutException e) {
            return new Outcome(start, System.nanoTime(), 0, change,
                    "no answer in " + REQUEST_TIMEOUT.toSeconds() + " s to " + request.getMethod());
        } catch (IOException e) {
            return new Outcome(start, System.nanoTime(), 0, change, e.getClass().getSimpleName() + " on " + request.getMethod());
        }
    }

    /** Sends a request and reads its whole answer (so the connection is kept for the next), keeping the body if asked. */
    private Answer exchange(HttpUriRequestBase request, boolean keepBody) throws IOException {
        return http.execute(request, response -> {
            Header instance = response.getFirstHeader(INSTANCE_HEADER);
            String body = null;
            if (response.getEntity() != null) {
                if (keepBody) {
                    body = EntityUtils.toString(response.getEntity());
                } else {
                    EntityUtils.consume(response.getEntity());
                }
            }
            return new Answer(response.getCode(), Optional.ofNullable(instance).map(Header::getValue), body);
        });
    }

    /** What came back: the status, the instance the shop named, the body when it was kept. */
    private record Answer(int status, Optional<String> instance, String body) {
    }
}
