package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What nginx does with a request whose instance dies after receiving it: the real nginx with the shop's
 * round-robin configuration, in front of one stand-in instance that reads each request and then drops the
 * connection (a SIGKILL in the middle of a request looks like that to nginx) and a healthy one that
 * records what reaches it. An addition to the cart is replayed on the next instance only when it carries
 * an {@code Idempotency-Key}, the header the shop uses to apply it once; without one the client gets the
 * 502, because the dead instance may have stored it already.
 */
class NginxReplayTest {

    private static final String ADD = "{\"productId\":\"kettle\",\"quantity\":1}";

    @TempDir
    Path prefix;

    private DyingInstance dying;
    private HttpServer healthy;
    private final List<String> healthyReceived = new CopyOnWriteArrayList<>();
    private LocalNginx nginx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        dying = new DyingInstance();
        healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        healthy.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            healthyReceived.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            byte[] body = "{\"itemCount\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        healthy.start();
        String live = "127.0.0.1:" + healthy.getAddress().getPort();
        nginx = LocalNginx.start(prefix, "127.0.0.1:" + dying.port(), live, live);
        port = nginx.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (healthy != null) {
            healthy.stop(0);
        }
        if (dying != null) {
            dying.close();
        }
    }

    @Test
    void keyedAdditionWhoseInstanceDiesIsReplayedOnTheNextOne() throws Exception {
        // Round robin: one of the first three requests goes to the dying instance.
        String key = null;
        for (int i = 0; i < 3 && dying.received() == 0; i++) {
            key = "key-" + i;
            String answer = send(addition("Idempotency-Key: " + key + "\r\n"));
            assertTrue(answer.startsWith("HTTP/1.1 200"), "every keyed addition is answered by a live instance: " + answer);
        }
        assertEquals(1, dying.received(), "one addition reached the instance that died");
        assertTrue(dying.lastRequest().contains("Idempotency-Key: " + key), dying.lastRequest());
        assertEquals("POST /api/cart/items key=" + key, healthyReceived.get(healthyReceived.size() - 1),
                "the live instance got the same request, path and key unchanged");
    }

    @Test
    void additionWithoutAKeyIsNotReplayedTheClientGetsThe502() throws Exception {
        int answered = 0;
        String lastAnswer = "";
        for (int i = 0; i < 3 && dying.received() == 0; i++) {
            lastAnswer = send(addition(""));
            if (lastAnswer.startsWith("HTTP/1.1 200")) {
                answered++;
            }
        }
        assertEquals(1, dying.received(), "one addition reached the instance that died");
        assertTrue(lastAnswer.startsWith("HTTP/1.1 502"), "the dead instance may have stored it: not sent again\n" + lastAnswer);
        assertEquals(answered, healthyReceived.size(), "the live instance got only the additions it answered: " + healthyReceived);
    }

    @Test
    void idempotentMethodsAreReplayedWithoutAKey() throws Exception {
        String body = "{\"quantity\":2}";
        for (int i = 0; i < 3 && dying.received() == 0; i++) {
            String answer = send("PUT /api/cart/items/kettle HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(1, dying.received());
        assertEquals("PUT /api/cart/items/kettle key=null", healthyReceived.get(healthyReceived.size() - 1));
    }

    private static String addition(String extraHeaders) {
        return "POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extraHeaders
                + "Content-Length: " + ADD.length() + "\r\nConnection: close\r\n\r\n" + ADD;
    }

    /** Accepts a connection, reads the request, and resets the connection without a byte of answer. */
    private static final class DyingInstance implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        DyingInstance() throws IOException {
            acceptor = new Thread(this::serve, "dying-instance");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int received() {
            return requests.size();
        }

        String lastRequest() {
            return requests.isEmpty() ? "" : requests.get(requests.size() - 1);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    String head = readHead(socket.getInputStream());
                    if (!head.isEmpty()) {
                        requests.add(head);
                    }
                    socket.setSoLinger(true, 0); // close = RST, as when the process is gone
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // the next connection
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
