package dev.sessionshop.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data grid's session map, added up over the members: each instance's {@code GET /api/cluster}
 * reports its own part ({@code sessionMap}: entries, backups, their memory cost, operations served).
 */
final class GridProbe {

    private static final List<String> OPERATIONS = List.of("gets", "puts", "sets", "removes", "otherOperations");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The session map over the given instances; instances that do not answer are left out. */
    Totals totals(List<Integer> instances) {
        long owned = 0;
        long ownedBytes = 0;
        long backups = 0;
        long backupBytes = 0;
        Map<String, Long> operations = new TreeMap<>();
        for (int n : instances) {
            JsonObject cluster = cluster(n);
            if (cluster == null || cluster.get("sessionMap") == null || cluster.get("sessionMap").getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject map = cluster.getJsonObject("sessionMap");
            owned += map.getJsonNumber("ownedEntries").longValue();
            ownedBytes += map.getJsonNumber("ownedEntryBytes").longValue();
            backups += map.getJsonNumber("backupEntries").longValue();
            backupBytes += map.getJsonNumber("backupEntryBytes").longValue();
            for (String operation : OPERATIONS) {
                operations.merge(operation, map.getJsonNumber(operation).longValue(), Long::sum);
            }
        }
        return new Totals(owned, ownedBytes, backups, backupBytes, operations);
    }

    /** Waits until instance 1 sees {@code members} grid members and every partition has its backups. */
    void awaitSafe(int members, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = cluster(1);
            if (last != null && last.getJsonArray("gridMembers").size() == members && last.getBoolean("gridSafe")) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the grid", e);
            }
        }
        throw new IllegalStateException("the data grid did not reach " + members + " safe members in " + timeout + "; last: " + last);
    }

    private JsonObject cluster(int n) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(LocalTopology.instance(n).resolve("api/cluster"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The session map over the members: entries with their memory cost, and operations served so far. */
    record Totals(long ownedEntries, long ownedEntryBytes, long backupEntries, long backupEntryBytes,
                  Map<String, Long> operations) {

        long operationCount() {
            return operations.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
