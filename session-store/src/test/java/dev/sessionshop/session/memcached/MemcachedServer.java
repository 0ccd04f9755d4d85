package dev.sessionshop.session.memcached;

import dev.sessionshop.session.LocalServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real, throw-away {@code memcached} on 127.0.0.1 and a free port, started and killed by its own
 * process handle, and a few text-protocol commands for the tests' own checks (a connection of their own,
 * not the store's). Missing binary = failure, never a skip.
 */
final class MemcachedServer implements AutoCloseable {

    private final Path binary = Path.of(System.getProperty("memcached.server", "/usr/bin/memcached"));
    private final List<String> options;
    private final int port;
    private Process process;

    /** @param options extra memcached options, e.g. {@code -I 2k} or {@code -m 2} */
    MemcachedServer(String... options) throws IOException {
        this.options = List.of(options);
        this.port = LocalServers.freePort();
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts memcached on {@link #port()} (unless it runs) and waits until it answers. */
    MemcachedServer start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("memcached not found at " + binary + ": the memcached *IT tests need a real "
                    + "memcached. Install it (Debian: apt-get install memcached) or point -Dmemcached.server=/path at one.");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-p", Integer.toString(port), "-l", "127.0.0.1",
                "-U", "0", "-t", "2", "-u", "nobody"));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LocalServers.awaitAnswer(process, this::answers, "memcached " + command);
        return this;
    }

    /** SIGKILL: what a crashed node or a killed container does; everything it held is gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    // ---- the tests' own commands (text protocol) ----

    /** The item's value, or null. */
    byte[] get(String key) {
        return value(command(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /** Seconds the item has left (-1: never expires), or null when absent; does not touch it. */
    Long ttlSeconds(String key) {
        String reply = new String(command(("mg " + key + " t\r\n").getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        if (!reply.startsWith("HD")) {
            return null;
        }
        for (String flag : reply.trim().split(" ")) {
            if (flag.startsWith("t")) {
                return Long.parseLong(flag.substring(1));
            }
        }
        return null;
    }

    void set(String key, byte[] value, int ttlSeconds) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("set " + key + " 0 " + ttlSeconds + " " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(value);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        command(request.toByteArray());
    }

    void touch(String key, int ttlSeconds) {
        command(("touch " + key + " " + ttlSeconds + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The server's counters ({@code stats}), e.g. cmd_get, cmd_set, curr_items, evictions. */
    Map<String, Long> stats() {
        String reply = new String(command("stats\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        Map<String, Long> stats = new HashMap<>();
        for (String line : reply.split("\r\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("STAT") && parts[2].matches("[0-9]+")) {
                stats.put(parts[1], Long.parseLong(parts[2]));
            }
        }
        return stats;
    }

    private boolean answers() {
        try {
            return new String(command("version\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII)
                    .startsWith("VERSION");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Sends one command and reads its whole reply (up to END, a one-line status, or the connection's end). */
    private byte[] command(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!complete(reply.toByteArray())) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                reply.write(buffer, 0, n);
            }
            return reply.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("memcached on " + port + ": " + e.getMessage(), e);
        }
    }

    private static boolean complete(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n")) {
            return false;
        }
        if (text.startsWith("VALUE ") || text.startsWith("STAT ")) {
            return text.endsWith("END\r\n");
        }
        return true;
    }

    /** The data block of a {@code get} reply. */
    private static byte[] value(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("VALUE ")) {
            return null;
        }
        int headerEnd = text.indexOf("\r\n");
        String[] header = text.substring(0, headerEnd).split(" ");
        int length = Integer.parseInt(header[3]);
        byte[] value = new byte[length];
        System.arraycopy(reply, headerEnd + 2, value, 0, length);
        return value;
    }
}
