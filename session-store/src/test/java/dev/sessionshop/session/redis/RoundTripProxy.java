package dev.sessionshop.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay between the store and Redis that counts round trips the way the network sees
 * them: a new one starts each time the client sends after the server has answered. Pipelined
 * commands that leave in one write before any answer count once; a command that waits for the
 * previous answer counts again. Measures the claim without trusting the code under test.
 */
final class RoundTripProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final AtomicBoolean serverSpokeLast = new AtomicBoolean(true);
    private volatile boolean closed;

    RoundTripProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "round-trip-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    int roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                redis.setTcpNoDelay(true);
                pump(client.getInputStream(), redis.getOutputStream(), true);
                pump(redis.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (in; out) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    // Flip the flag before forwarding, so the other side cannot react before it is set.
                    if (fromClient) {
                        if (serverSpokeLast.getAndSet(false)) {
                            roundTrips.incrementAndGet();
                        }
                    } else {
                        serverSpokeLast.set(true);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed: the pump ends
            }
        }, "round-trip-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
