package dev.sessionshop.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A slow client (slowloris): it sends a request's header one line a second and never finishes it, until
 * the server hangs up or 30 s have passed. nginx must cut it off after {@code client_header_timeout}.
 */
public final class SlowHeaderClient {

    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    /** Whether the server hung up, and after how long. */
    public record Outcome(boolean closed, Duration held) {
    }

    private SlowHeaderClient() {
    }

    public static Outcome trickleUntilClosed(int port) throws IOException {
        Instant start = Instant.now();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            while (!closed && Duration.between(start, Instant.now()).compareTo(GIVE_UP_AFTER) < 0) {
                try {
                    out.write("X-Slow: b\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting for the rest of the header: trickle another line
                } catch (IOException reset) {
                    closed = true;
                }
            }
            return new Outcome(closed, Duration.between(start, Instant.now()));
        }
    }
}
