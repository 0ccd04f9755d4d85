package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hostile requests through nginx on 127.0.0.1:8080, sent on raw sockets where an HTTP client would refuse
 * to send them: overlong and malformed cookies, CR/LF, NUL and non-ASCII bytes in a cookie, ten thousand
 * cookies, an overlong URI, a huge body, garbage, and a header trickled in slowly. Each gets a clear 4xx
 * (nginx's plain one-line answers, see nginx/shop-proxy.conf), a fresh session, or a closed connection;
 * afterwards every instance is still ready and a bystander's cart is exactly as it was.
 */
final class HostileInput {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);

    private HostileInput() {
    }

    /**
     * Call with all three instances up.
     *
     * @param cookieName the strategy's session cookie: JSESSIONID (sticky, clustering) or SHOPSESSION (external)
     */
    static void everyHostileRequestGetsAClearAnswerAndHarmsNoOne(Topology shop, String cookieName) {
        ShopClient bystander = shop.client();
        Carts.add(bystander, "espresso-beans", 3);
        Carts.Session before = Carts.session(bystander);

        assertRefused(get("Cookie: " + cookieName + "=" + "a".repeat(9000)), 400, "a header or cookie is too large");
        assertRefused(get("Cookie: " + IntStream.range(0, 10_000).mapToObj(i -> "c" + i + "=1")
                .collect(Collectors.joining("; "))), 400, "a header or cookie is too large");
        assertRefused(get(IntStream.range(0, 10_000).mapToObj(i -> "Cookie: c" + i + "=1")
                .collect(Collectors.joining("\r\n"))), 400, "a header or cookie is too large");
        assertRefused(get("Cookie: " + cookieName + "=abc\rSet-Cookie: " + cookieName + "=evil"), 400,
                "the request is malformed");
        assertRefused(get("Cookie: " + cookieName + "=abc\u0000def"), 400, "the request is malformed");
        assertRefused(raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                414, "Request URI too long");
        assertRefused(raw("POST /api/cart/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000\r\nConnection: close\r\n\r\n" + "x".repeat(50_000)), 413, "Request body too large");
        assertRefused(raw("\u0016\u0003\u0001\u0000garbage\r\n\r\n"), 400, "the request is malformed");

        // What nginx lets through, the shop must survive: a fresh session, never someone else's, never a 5xx.
        assertRefused(get("Cookie: " + cookieName + "=\u00e9\u00ff\u00fe"), 400, "the request is malformed");
        assertFreshSession(get("Cookie: " + cookieName + "=abc\ndef"), cookieName, "a bare LF");
        assertFreshSession(get("Cookie: " + cookieName + "=" + "b".repeat(4000)), cookieName, "4000 characters");
        assertFreshSession(get("Cookie: " + cookieName + "=\"\\\"quoted\\\"\"; " + cookieName + "=;;;=;"),
                cookieName, "quotes and empty pairs");

        slowHeaderIsCutOff();

        for (int n = 1; n <= 3; n++) {
            ShopClient.Reply ready = shop.clientOfInstance(n).get("health/ready");
            assertEquals(200, ready.status(), Topology.instanceName(n) + " after the hostile requests: " + ready.body());
        }
        Carts.Session after = Carts.session(bystander);
        assertEquals(before.sessionId(), after.sessionId(), "the bystander keeps its session");
        assertEquals(before.itemCount(), after.itemCount(), "and its cart");
    }

    private static void assertRefused(String answer, int status, String message) {
        String statusLine = answer.lines().findFirst().orElse("(no answer)");
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), statusLine);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: text/plain"), answer);
        String body = body(answer);
        assertTrue(body.contains(message), body);
        assertFalse(body.contains("<html") || body.contains("Exception") || body.matches("(?s).*nginx/\\d.*"), body);
        assertFalse(answer.contains("Set-Cookie"), "a refused request gets no session: " + answer);
    }

    private static void assertFreshSession(String answer, String cookieName, String what) {
        String statusLine = answer.lines().findFirst().orElse("(no answer)");
        assertTrue(answer.startsWith("HTTP/1.1 200 ") || answer.startsWith("HTTP/1.1 400 "),
                "a cookie with " + what + ": " + statusLine + "\n" + answer.substring(0, Math.min(answer.length(), 2000)));
        String body = body(answer);
        assertFalse(body.contains("Exception") || body.matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"),
                "no stack trace for a cookie with " + what);
        if (answer.startsWith("HTTP/1.1 200 ")) {
            assertTrue(answer.contains("Set-Cookie: " + cookieName + "="), "a fresh session for a cookie with " + what);
            assertTrue(body.contains("id=\"panel-requests\">1<"), "a new session, first request, with " + what);
        }
    }

    /** Header lines trickled in one every second: nginx must drop the connection after client_header_timeout. */
    private static void slowHeaderIsCutOff() {
        try {
            SlowHeaderClient.Outcome outcome = SlowHeaderClient.trickleUntilClosed(Topology.SHOP.getPort());
            assertTrue(outcome.closed(), "a header trickling in for 30 s must be cut off");
            assertTrue(outcome.held().toSeconds() < 15, "cut off after client_header_timeout (10 s), not after " + outcome.held());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String headerLines) {
        return raw("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n" + headerLines + "\r\n\r\n");
    }

    /** One request on its own connection; ISO-8859-1 maps each char to the one byte it stands for. */
    private static String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", Topology.SHOP.getPort())) {
            socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // nginx may answer and close before a huge request is written: read what it said
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }
}
