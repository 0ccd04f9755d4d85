package dev.sessionshop.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's memcached nodes (memcached-1 on 127.0.0.1:11211, memcached-2 on 11212) asked directly in
 * memcached's text protocol, as {@code printf 'mg key s t\r\n' | nc} would: the tests look at the store with
 * the server's own eyes, not through the shop's client.
 */
final class MemcachedCli {

    /** The memcached nodes' ports, by node number (memcached-1, memcached-2). */
    static final int[] PORTS = {11211, 11212};

    private MemcachedCli() {
    }

    /**
     * What memcached holds under {@code key}: its size in bytes and its seconds to live ({@code -1}: no expiry),
     * from the meta command {@code mg <key> s t}, which neither changes the item nor refreshes its TTL.
     */
    static Optional<Item> item(int port, String key) {
        String reply = exchange(port, "mg " + key + " s t", line -> true);
        if (reply.startsWith("EN")) {
            return Optional.empty();
        }
        if (!reply.startsWith("HD")) {
            throw new AssertionError("memcached :" + port + " answered 'mg " + key + "' with " + reply);
        }
        long size = -1;
        long ttl = -1;
        for (String flag : reply.split(" ")) {
            if (flag.startsWith("s")) {
                size = Long.parseLong(flag.substring(1));
            } else if (flag.startsWith("t")) {
                ttl = Long.parseLong(flag.substring(1));
            }
        }
        return Optional.of(new Item(size, ttl));
    }

    /** The node's {@code stats}: curr_items, evictions, get_hits, cmd_touch, … */
    static Map<String, String> stats(int port) {
        Map<String, String> stats = new LinkedHashMap<>();
        exchange(port, "stats", line -> {
            if (line.startsWith("STAT ")) {
                String[] parts = line.split(" ", 3);
                stats.put(parts[1], parts[2]);
                return false;
            }
            return true;
        });
        return stats;
    }

    /**
     * Sends one command and reads lines until {@code last} says a line ends the reply; returns that line.
     * A node that does not answer is an assertion error naming it.
     */
    private static String exchange(int port, String command, java.util.function.Predicate<String> last) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (last.test(line)) {
                    return line;
                }
            }
            throw new AssertionError("memcached :" + port + " closed the connection during '" + command + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("memcached on 127.0.0.1:" + port + " did not answer '" + command + "'", e);
        }
    }

    /** Whether a memcached node answers on that port at all. */
    static boolean answers(int port) {
        try {
            stats(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * One item as the server sees it.
     *
     * @param sizeBytes the value's length
     * @param ttlSeconds seconds until memcached expires it, -1 if never
     */
    record Item(long sizeBytes, long ttlSeconds) {
    }
}
