package dev.sessionshop.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One simulated shopper: an HTTP client with its own cookie jar, which keeps every cookie it is given. */
public final class ShopClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public ShopClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public CookieManager cookies() {
        return cookies;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply getJson(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    public Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    /** A POST of JSON with one more header (say {@code Idempotency-Key}). */
    public Reply postJson(String path, String json, String header, String value) {
        return send(request(path).header("Content-Type", "application/json").header(header, value)
                .POST(BodyPublishers.ofString(json)));
    }

    public Reply putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)));
    }

    /**
     * Any method, with the given headers and body (none when null): what a browser or a well-behaved client
     * would not send, such as PROPFIND, a declared charset of UTF-16 or a POST without a Content-Type.
     */
    public Reply send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = request(path)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** The CSRF token of the forms on a page (loading the page starts the session if needed). */
    public String csrfToken() {
        Matcher matcher = CSRF.matcher(get("/").body());
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token on the product page");
        }
        return matcher.group(1);
    }

    public JsonObject cart() {
        Reply reply = getJson("/api/cart");
        if (reply.status() != 200) {
            throw new AssertionError("GET /api/cart answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().asJsonObject();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30));
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A response: status, body, and the raw response for headers. */
    public record Reply(int status, String body, HttpResponse<String> response) {

        public JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
