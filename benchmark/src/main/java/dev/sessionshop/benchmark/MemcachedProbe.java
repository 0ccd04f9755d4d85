package dev.sessionshop.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the launcher's two memcached nodes (127.0.0.1:11211 and 11212) what the store costs, in memcached's
 * text protocol: {@code stats} (the commands each node served, its memory, its pid). Memcached has no
 * MONITOR; its counters are per command kind, and each command the store's binary-protocol client sends
 * is one round trip, so their deltas over a run of requests are the store traffic.
 */
final class MemcachedProbe {

    /** The nodes' ports, memcached-1 then memcached-2. */
    static final List<Integer> PORTS = List.of(11211, 11212);

    /**
     * The {@code stats} counters that are commands the shop's store sends, by the name the report uses:
     * a get-and-touch counts in memcached as a get and a touch ({@code GAT}), a {@code cas} as a set.
     */
    private static final Map<String, String> COMMANDS = Map.of(
            "cmd_get", "GET", "cmd_set", "SET", "cmd_touch", "TOUCH", "delete_hits", "DELETE", "delete_misses", "DELETE");

    /** Both nodes' {@code stats}, summed, for the fields that are numbers. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        for (int port : PORTS) {
            stats(port).forEach((name, value) -> {
                if (value.matches("\\d+")) {
                    totals.merge(name, Long.parseLong(value), Long::sum);
                }
            });
        }
        return totals;
    }

    /** The store's commands between two {@link #totals}, by kind ("GET", "SET", "TOUCH", "DELETE"), both nodes. */
    static Map<String, Long> commands(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> commands = new TreeMap<>();
        COMMANDS.forEach((stat, kind) -> {
            long delta = after.getOrDefault(stat, 0L) - before.getOrDefault(stat, 0L);
            if (delta > 0) {
                commands.merge(kind, delta, Long::sum);
            }
        });
        return commands;
    }

    /** The memory both nodes give their items ({@code bytes} in {@code stats}). */
    long itemBytes() {
        return totals().getOrDefault("bytes", 0L);
    }

    /** The pids of both nodes, for their CPU. */
    List<Long> pids() {
        return PORTS.stream().map(port -> Long.parseLong(stats(port).get("pid"))).toList();
    }

    private static Map<String, String> stats(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Map<String, String> stats = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null && !line.equals("END")) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3 && parts[0].equals("STAT")) {
                    stats.put(parts[1], parts[2]);
                }
            }
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("memcached on 127.0.0.1:" + port + " did not answer 'stats'", e);
        }
    }
}
