package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.sessionshop.e2e.SlowHeaderClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real nginx with the shop's configuration (round robin), in front of a tiny JDK HTTP server that
 * stands in for the three instances and records what reaches it. Checks what nginx itself guarantees:
 * a client cannot claim https, and hostile requests get nginx's plain 4xx without reaching an instance.
 * Free ports on loopback; skipped when nginx is not installed.
 */
class NginxHardeningTest {

    @TempDir
    static Path prefix;

    private static HttpServer backend;
    private static LocalNginx nginx;
    private static int port;
    private static final AtomicReference<String> lastForwardedProto = new AtomicReference<>();
    private static final AtomicReference<String> lastCookie = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        backend.createContext("/", exchange -> {
            lastForwardedProto.set(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
            lastCookie.set(exchange.getRequestHeaders().getFirst("Cookie"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "backend\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        String upstream = "127.0.0.1:" + backend.getAddress().getPort();
        nginx = LocalNginx.start(prefix, upstream, upstream, upstream);
        port = nginx.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void clientCannotClaimHttpsNginxSendsItsOwnScheme() throws IOException {
        String answer = send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals("http", lastForwardedProto.get(), "the client's X-Forwarded-Proto must be replaced, not passed or appended");
    }

    @Test
    void overlongCookieIsAPlain400() throws IOException {
        assertPlainRefusal(send(get("Cookie: JSESSIONID=" + "a".repeat(9000))), 400, "a header or cookie is too large");
    }

    @Test
    void tenThousandCookiesAreAPlain400() throws IOException {
        String inOneHeader = IntStream.range(0, 10_000).mapToObj(i -> "c" + i + "=1").collect(Collectors.joining("; "));
        assertPlainRefusal(send(get("Cookie: " + inOneHeader)), 400, "a header or cookie is too large");
        String inManyHeaders = IntStream.range(0, 10_000).mapToObj(i -> "Cookie: c" + i + "=1").collect(Collectors.joining("\r\n"));
        assertPlainRefusal(send(get(inManyHeaders)), 400, "a header or cookie is too large");
    }

    @Test
    void carriageReturnOrNulInsideACookieIsAPlain400() throws IOException {
        assertPlainRefusal(send(get("Cookie: JSESSIONID=abc\rSet-Cookie: x=y")), 400, "the request is malformed");
        assertPlainRefusal(send(get("Cookie: JSESSIONID=abc\u0000def")), 400, "the request is malformed");
    }

    @Test
    void nonAsciiBytesInACookieAreAPlain400() throws IOException {
        // Payara would refuse them too, but with an empty 400; nginx says why.
        String answer = sendBytes(("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: JSESSIONID=")
                .getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF, '\r', '\n', '\r', '\n'});
        assertPlainRefusal(answer, 400, "the request is malformed");
    }

    @Test
    void printableCookiesAndABareLineFeedPassThrough() throws IOException {
        assertTrue(send(get("Cookie: JSESSIONID=abc; theme=\"dark mode\"")).startsWith("HTTP/1.1 200"));
        // A bare LF ends the header line; what follows is a header of its own, harmless.
        assertTrue(send(get("Cookie: JSESSIONID=abc\ndef")).startsWith("HTTP/1.1 200"));
    }

    @Test
    void hugeBodyIsAPlain413BeforeItReachesAnInstance() throws IOException {
        lastCookie.set("untouched");
        String answer = send("POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000\r\nCookie: probe=1\r\nConnection: close\r\n\r\n" + "x".repeat(50_000));
        assertPlainRefusal(answer, 413, "Request body too large");
        assertEquals("untouched", lastCookie.get(), "the request never reached the backend");
    }

    @Test
    void overlongUriAndGarbageArePlainRefusals() throws IOException {
        assertPlainRefusal(send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                414, "Request URI too long");
        assertPlainRefusal(send("\u0016\u0003\u0001garbage\r\n\r\n"), 400, "the request is malformed");
    }

    @Test
    void payaraEndpointsAreAPlain404() throws IOException {
        assertPlainRefusal(send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "There is nothing at this address");
    }

    @Test
    void sessionIdInTheUrlIsAPlain400ThatNeverReachesAnInstanceNorTheAccessLog() throws IOException {
        lastCookie.set("untouched");
        String id = "UrlSessionIdProbe0123456789abcdefghijklmnopq";
        for (String path : new String[] {"/api/cart;jsessionid=" + id, "/cart;JSESSIONID=" + id + "?x=1",
                "/api/cart%3Bjsessionid=" + id, "/metrics/;jsessionid=" + id, "/health;jsessionid=" + id}) {
            assertPlainRefusal(send("GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: probe=1\r\nConnection: close\r\n\r\n"),
                    400, "a session id in the address is not accepted");
        }
        assertEquals("untouched", lastCookie.get(), "no request with an id in its URL reached the backend");

        send("GET /after-the-probes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String accessLog = Files.readString(prefix.resolve("logs/nginx-access.log"));
        assertTrue(accessLog.contains("/after-the-probes"), "the access log is written: " + accessLog);
        assertFalse(accessLog.contains(id), "the access log never holds the id: " + accessLog);
        assertFalse(Files.readString(prefix.resolve("logs/nginx.log")).contains(id), "nor the error log");
    }

    @Test
    void traceAndAnUnknownTransferEncodingArePlainRefusals() throws IOException {
        assertPlainRefusal(send("TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405, "Method not allowed");
        assertPlainRefusal(send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\nx"),
                501, "Not implemented");
    }

    @Test
    void headerTrickledSlowerThanTheTimeoutIsCutOff() throws IOException {
        SlowHeaderClient.Outcome outcome = SlowHeaderClient.trickleUntilClosed(port);

        assertTrue(outcome.closed(), "a header trickling in for 30 s must be cut off");
        assertTrue(outcome.held().toSeconds() < 15, "cut off after client_header_timeout (10 s), not after " + outcome.held());
    }

    private static String get(String headerLines) {
        return "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headerLines + "\r\n\r\n";
    }

    private static void assertPlainRefusal(String answer, int status, String message) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status), answer.lines().findFirst().orElse(answer));
        if (message == null) {
            return;
        }
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertTrue(body.contains(message), body);
        assertTrue(answer.contains("Content-Type: text/plain"), answer);
        assertFalse(answer.toLowerCase().contains("<html"), "plain text, no HTML page: " + answer);
        assertFalse(answer.matches("(?s).*nginx/\\d.*"), "no version: " + answer);
    }

    private static String send(String request) throws IOException {
        return sendBytes(request.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    private static String sendBytes(byte[] first, byte[] second) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(first);
                out.write(second);
                out.flush();
            } catch (IOException closedEarly) {
                // nginx may answer and close before a huge request is written: read what it said
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
