package dev.sessionshop.web.labs;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP side of a lab run: requests to one instance's own URL, with the run's cookie jar, JSON in and out.
 * A failed request is a result (status 0 and the reason), not an exception: a lab reports what happened.
 */
final class LabClient {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final LabCookieJar jar = new LabCookieJar();

    LabClient(HttpClient http) {
        this.http = http;
    }

    LabCookieJar jar() {
        return jar;
    }

    Reply get(LabTarget target, String path) {
        return get(target, path, Set.of(), Map.of());
    }

    /** A GET that leaves the named cookies out, or sends old values for some (lab 3's replays). */
    Reply get(LabTarget target, String path, Set<String> leaveOut, Map<String, String> replace) {
        return join(send(request(target, path, leaveOut, replace).GET()));
    }

    Reply post(LabTarget target, String path, JsonObject body) {
        return join(postAsync(target, path, body));
    }

    CompletableFuture<Reply> postAsync(LabTarget target, String path, JsonObject body) {
        return send(request(target, path, Set.of(), Map.of())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpRequest.Builder request(LabTarget target, String path, Set<String> leaveOut, Map<String, String> replace) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.url().resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        jar.header(leaveOut, replace).ifPresent(cookies -> builder.header("Cookie", cookies));
        return builder;
    }

    private CompletableFuture<Reply> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        return http.sendAsync(request, BodyHandlers.ofString())
                .thenApply(response -> {
                    jar.absorb(response.headers());
                    return Reply.of(response);
                })
                .exceptionally(failure -> Reply.failed(request.uri(), failure));
    }

    private static Reply join(CompletableFuture<Reply> reply) {
        return reply.join();
    }

    /** One answer: status (0 when none came), the instance that gave it, its JSON body if it had one. */
    record Reply(int status, String instance, JsonObject json, String failure) {

        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.headers().firstValue("X-Shop-Instance").orElse(null),
                    parse(response.body()), null);
        }

        static Reply failed(URI uri, Throwable failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            String reason = cause instanceof IOException ? "no answer from " + uri.getAuthority()
                    : cause.getClass().getSimpleName();
            return new Reply(0, null, null, reason);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        private static JsonObject parse(String body) {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                return null;
            }
        }
    }
}
