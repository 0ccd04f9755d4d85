package dev.sessionshop.e2e;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/**
 * One simulated shopper: its own {@link HttpClient} and {@link CookieManager} that keeps EVERY cookie it
 * is given, like a browser. That matters: Payara's clustered sessions need {@code JSESSIONIDVERSION}
 * next to {@code JSESSIONID}; a client that dropped it would be served stale sessions. Optionally sends
 * {@code X-Forwarded-For} so that, behind the local nginx, it looks like a client of its own address.
 */
public final class ShopClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String forwardedFor;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    /**
     * @param base         the shop's base URL, e.g. {@link Topology#SHOP}
     * @param forwardedFor the client address to claim in X-Forwarded-For, or null for none
     */
    public ShopClient(URI base, String forwardedFor) {
        this.base = base;
        this.forwardedFor = forwardedFor;
        this.http = HttpClient.newBuilder()
                // nginx speaks HTTP/1.1 to us; no h2c upgrade attempts.
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The address this client claims in X-Forwarded-For, if any. */
    public Optional<String> forwardedFor() {
        return Optional.ofNullable(forwardedFor);
    }

    /** GET with no Accept header: the server picks the representation. */
    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** GET asking for JSON (the app answers errors as JSON or HTML by Accept). */
    public Reply getJson(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    /** A GET that also sends this raw Cookie header (forged or malformed session cookies). */
    public Reply getWithCookie(String path, String cookieHeader) {
        return send(request(path).header("Cookie", cookieHeader).GET());
    }

    public Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    public Reply putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** The value of a cookie in this client's jar (e.g. JSESSIONID, JSESSIONIDVERSION, SHOPSESSION). */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Every cookie this client holds, for assertions and failure messages. */
    public CookieManager cookies() {
        return cookies;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(REQUEST_TIMEOUT);
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            var response = http.send(request, BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /** One HTTP response. */
    public record Reply(int status, HttpHeaders headers, String body) {

        /** The instance that served it: the {@code X-Shop-Instance} header every response of the app carries. */
        public String instance() {
            return headers.firstValue("X-Shop-Instance")
                    .orElseThrow(() -> new AssertionError("no X-Shop-Instance header in a " + status + " response: " + body));
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            } catch (JsonException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }
    }
}
