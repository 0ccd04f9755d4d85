package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The requests issue 18 found answered badly, kept as a corpus that runs through nginx on every strategy:
 * a session id in the URL, JSON nested a thousand levels deep, a UTF-16 charset with a query string,
 * methods the shop does not serve, a cross-site sign-out, a lab basket past its cap. Each case has its
 * expected status, and every answer has no stack trace, no product name (Payara, GlassFish, Grizzly) and
 * no new session cookie. Afterwards the instances' logs have grown by a few lines, not by stack traces;
 * nginx's access log never holds the session id sent in a URL; the victim's cart is as it was.
 */
final class HostileCorpus {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");
    private static final List<String> PRODUCTS = List.of("payara", "glassfish", "grizzly");
    /** A log line is a few hundred bytes; one of the old stack traces was 75 KB. */
    private static final long LOG_BYTES_PER_CASE = 1_024;

    private HostileCorpus() {
    }

    /** One hostile request (raw HTTP/1.1, sent as ISO-8859-1 bytes) and the status it must get. */
    record Case(String name, String request, int status) {
    }

    /**
     * @param cookieName the strategy's session cookie: JSESSIONID (sticky, clustering) or SHOPSESSION (external)
     */
    static void eachCaseGetsItsStatusWithoutStackTraceProductNameOrNewSession(Topology shop, String cookieName) {
        ShopClient victim = shop.client();
        Carts.add(victim, "espresso-beans", 2);
        Carts.Session before = Carts.session(victim);
        String id = victim.cookie(cookieName).orElseThrow();
        String from = "X-Forwarded-For: " + victim.forwardedFor().orElseThrow() + "\r\n";
        long[] logSizes = instanceLogSizes();

        List<Case> corpus = corpus(id, from, cookieName);
        for (Case hostile : corpus) {
            assertAnswered(hostile, send(hostile.request()), cookieName, id);
        }
        assertLogsGrewByLinesNotStackTraces(logSizes, corpus.size());
        assertFalse(read(workDir().resolve("logs/nginx-access.log")).contains(id),
                "nginx's access log never holds a session id sent in a URL");
        labBasketPastItsCapIsAConflict(shop);

        Carts.Session after = Carts.session(victim);
        assertEquals(before.sessionId(), after.sessionId(), "the victim keeps its session");
        assertEquals(before.itemCount(), after.itemCount(), "and its cart");
    }

    private static List<Case> corpus(String id, String from, String cookieName) {
        String deep = "[".repeat(1_000) + "]".repeat(1_000);
        List<Case> corpus = new ArrayList<>(List.of(
                new Case("someone else's session id in the URL", get("/api/cart;jsessionid=" + id, from), 400),
                new Case("emptying someone else's cart through the URL", request("DELETE", "/api/cart;jsessionid=" + id,
                        from, null, null), 400),
                new Case("a session id in the URL of a page, upper case", get("/cart;JSESSIONID=" + id + "?x=1", from), 400),
                new Case("a session id in the URL, percent-encoded", get("/api/session%3Bjsessionid=" + id, from), 400),
                new Case("1 000 levels of JSON to the cart", request("POST", "/api/cart/items", "",
                        "application/json", deep), 400),
                new Case("3 999 open arrays to sign-in", request("POST", "/api/signin", "", "application/json",
                        "[".repeat(3_999)), 400),
                new Case("deep JSON to a cart line", request("PUT", "/api/cart/items/kettle", "", "application/json",
                        "{\"quantity\": " + deep + "}"), 400),
                new Case("UTF-16 with a query on /health/live", request("GET", "/health/live?probe=1", "",
                        "text/plain; charset=utf-16", null), 400),
                new Case("UTF-16 with a query on /health/ready", request("GET", "/health/ready?probe=1", "",
                        "text/plain; charset=utf-16", null), 400),
                new Case("a UTF-16 sign-in form with a query", request("POST", "/signin?probe=1", "",
                        "application/x-www-form-urlencoded; charset=utf-16", "displayName=Mallory"), 400),
                new Case("PATCH on a page", request("PATCH", "/", "", null, null), 501),
                new Case("PROPFIND on the API", request("PROPFIND", "/api/cart", "", null, null), 501),
                new Case("a made-up method", request("BREW", "/cart", "", null, null), 501),
                new Case("TRACE", request("TRACE", "/", "", null, null), 405),
                new Case("a cross-site text/plain sign-out with the victim's cookie", request("POST", "/api/signout",
                        from + "Cookie: " + cookieName + "=" + id + "\r\n", "text/plain", "x"), 415),
                new Case("a body-less sign-out with the victim's cookie", request("POST", "/api/signout",
                        from + "Cookie: " + cookieName + "=" + id + "\r\n", null, ""), 415)));
        return corpus;
    }

    private static void assertAnswered(Case hostile, String answer, String cookieName, String victimId) {
        String statusLine = answer.lines().findFirst().orElse("(no answer)");
        assertTrue(answer.startsWith("HTTP/1.1 " + hostile.status() + " "), hostile.name() + ": " + statusLine
                + "\n" + answer.substring(0, Math.min(answer.length(), 1_500)));
        assertFalse(STACK_FRAME.matcher(answer).find() || answer.contains("Exception"),
                hostile.name() + ": a stack trace in\n" + answer);
        String lower = answer.toLowerCase(Locale.ROOT);
        for (String product : PRODUCTS) {
            assertFalse(lower.contains(product), hostile.name() + ": names " + product + " in\n" + answer);
        }
        // With the route cookie (jvmRoute) Payara sends the session cookie again on every answer: the
        // victim's own id coming back is no new session; any other id is.
        java.util.regex.Matcher issued = java.util.regex.Pattern.compile("Set-Cookie: " + cookieName + "=([^;\r\n]*)").matcher(answer);
        while (issued.find()) {
            assertEquals(Carts.sessionIdOf(victimId), Carts.sessionIdOf(issued.group(1)), hostile.name() + ": a new session in\n" + answer);
        }
    }

    /** Lab 1's basket (labs are on in the launcher's topology): 20 items, then a 409 that adds nothing. */
    private static void labBasketPastItsCapIsAConflict(Topology shop) {
        ShopClient lab = shop.client();
        assertEquals(200, lab.postJson("api/labs/basket", "{\"change\": \"reset\"}").status());
        String add = "{\"change\": \"write-back\", \"productId\": \"kettle\"}";
        for (int i = 1; i <= 20; i++) {
            ShopClient.Reply added = lab.postJson("api/labs/basket", add);
            assertEquals(200, added.status(), "item " + i + ": " + added.body());
        }
        ShopClient.Reply refused = lab.postJson("api/labs/basket", add);
        assertEquals(409, refused.status(), "the 21st item: " + refused.body());
        assertTrue(refused.header("Content-Type").orElse("").startsWith("application/problem+json"), refused.body());
        assertEquals("The lab basket holds at most 20 items; send {\"change\": \"reset\"} to start again with an empty one.",
                refused.json().getString("detail"));
        assertEquals(20, lab.getJson("api/labs/peek").json().getJsonArray("basket").size(), "the basket stays at 20");
    }

    private static void assertLogsGrewByLinesNotStackTraces(long[] sizesBefore, int cases) {
        long grown = 0;
        StringBuilder added = new StringBuilder();
        for (int n = 1; n <= Topology.INSTANCES; n++) {
            String log = read(instanceLog(n));
            int from = (int) Math.min(sizesBefore[n - 1], log.length());
            added.append(log, from, log.length());
            grown += log.length() - from;
        }
        assertFalse(STACK_FRAME.matcher(added).find(), "a stack trace in the instances' logs:\n" + added);
        assertTrue(grown <= LOG_BYTES_PER_CASE * cases, "the logs grew by " + grown + " bytes for " + cases
                + " hostile requests:\n" + added);
    }

    private static long[] instanceLogSizes() {
        long[] sizes = new long[Topology.INSTANCES];
        for (int n = 1; n <= Topology.INSTANCES; n++) {
            sizes[n - 1] = read(instanceLog(n)).length();
        }
        return sizes;
    }

    private static Path instanceLog(int n) {
        return workDir().resolve("logs").resolve(Topology.instanceName(n) + ".log");
    }

    private static Path workDir() {
        return Launcher.locate().workDir();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String path, String headerLines) {
        return request("GET", path, headerLines, null, null);
    }

    /** A request on its own connection; a body gets its Content-Length, a null body none. */
    private static String request(String method, String path, String headerLines, String contentType, String body) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                + "Connection: close\r\n" + headerLines);
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        return request.append("\r\n").append(body == null ? "" : body).toString();
    }

    private static String send(String request) {
        try (Socket socket = new Socket("127.0.0.1", Topology.SHOP.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
