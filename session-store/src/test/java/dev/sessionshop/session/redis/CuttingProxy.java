package dev.sessionshop.session.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback relay between the store and Redis that can cut the connection in the middle of what the
 * client sends, the way a network does: after the first complete command of the client's next write
 * (it reaches Redis, the rest and every reply never do), or before any of it. Afterwards it either relays new connections again or
 * refuses them, so a test can tell what the client re-sends on its own.
 */
final class CuttingProxy implements AutoCloseable {

    enum Cut {
        /** Relay the first complete RESP command of the next write, drop the rest, close. */
        AFTER_FIRST_COMMAND,
        /** Relay nothing of the next write, close. */
        BEFORE_THE_WRITE
    }

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch cutDone = new CountDownLatch(1);
    private volatile Cut armed;
    private volatile boolean refuseAfterCut;
    private volatile boolean refusing;
    private volatile boolean closed;

    CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts the client's next write; {@code refuseAfter}: close every later connection at once. */
    void arm(Cut cut, boolean refuseAfter) {
        this.refuseAfterCut = refuseAfter;
        this.armed = cut;
    }

    boolean awaitCut(long seconds) throws InterruptedException {
        return cutDone.await(seconds, TimeUnit.SECONDS);
    }

    /** Connections accepted so far (the client's reconnects show here). */
    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                redis.setTcpNoDelay(true);
                relay(client, redis);
                pump(redis.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void relay(Socket client, Socket redis) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            try {
                InputStream in = client.getInputStream();
                OutputStream out = redis.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    Cut cut = armed;
                    if (cut == null) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    pending.write(buffer, 0, n);
                    byte[] bytes = pending.toByteArray();
                    int end = cut == Cut.BEFORE_THE_WRITE ? 0 : endOfFirstCommand(bytes);
                    if (end < 0) {
                        continue; // the first command is not complete yet
                    }
                    // The client's side first: whatever Redis answers to what gets through can then never
                    // reach the client (a reply relayed in between would make the cut a race with Redis).
                    armed = null;
                    refusing = refuseAfterCut;
                    client.close();
                    out.write(bytes, 0, end);
                    out.flush();
                    redis.close();
                    cutDone.countDown();
                    return;
                }
            } catch (IOException e) {
                // closed: the relay ends
            }
        }, "cutting-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (in; out) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** The end of the first RESP command ({@code *<n>} then n {@code $<len>} bulk strings), or -1. */
    static int endOfFirstCommand(byte[] bytes) {
        int[] at = {0};
        String header = line(bytes, at);
        if (header == null || !header.startsWith("*")) {
            return -1;
        }
        int parts = Integer.parseInt(header.substring(1));
        for (int i = 0; i < parts; i++) {
            String bulk = line(bytes, at);
            if (bulk == null) {
                return -1;
            }
            int length = Integer.parseInt(bulk.substring(1));
            at[0] += length + 2;
            if (at[0] > bytes.length) {
                return -1;
            }
        }
        return at[0];
    }

    private static String line(byte[] bytes, int[] at) {
        for (int i = at[0]; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                String line = new String(bytes, at[0], i - at[0], StandardCharsets.US_ASCII);
                at[0] = i + 2;
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
