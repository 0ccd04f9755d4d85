package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shopper sends a request again where a browser would: when nginx closes a kept-alive connection under it
 * (a graceful reload does), and only a request that may arrive twice.
 */
class ShopperResendTest {

    private static final URI ANY = URI.create("http://127.0.0.1:1/api/cart/items");

    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestOnAKeptAliveConnectionClosedBeforeItsAnswerIsSentAgainOnANewOne() throws Exception {
        // given a stand-in nginx that answers the first request, then closes that connection under the second
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread stand = new Thread(() -> {
            try (Socket first = server.accept()) {
                seen.add("first: " + readRequestLine(first.getInputStream()));
                answer(first.getOutputStream());
                seen.add("first: " + readRequestLine(first.getInputStream()));
            } catch (IOException e) {
                seen.add("stand-in failed: " + e);
            }
            try (Socket second = server.accept()) {
                seen.add("second: " + readRequestLine(second.getInputStream()));
                answer(second.getOutputStream());
            } catch (IOException e) {
                seen.add("stand-in failed: " + e);
            }
        });
        stand.start();
        Shopper shopper = new Shopper(1, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), 1);

        // when
        Outcome answered = shopper.get("/products/kettle");
        Outcome cut = shopper.get("/products/kettle");
        stand.join(10_000);

        // then the second went out twice, the second time on a new connection, and was answered
        assertTrue(answered.ok(), String.valueOf(answered.failure()));
        assertTrue(cut.ok(), String.valueOf(cut.failure()));
        assertEquals(List.of("first: GET /products/kettle HTTP/1.1", "first: GET /products/kettle HTTP/1.1",
                "second: GET /products/kettle HTTP/1.1"), seen);
    }

    @Test
    void onlyARequestThatMayArriveTwiceIsSentAgainAndOnlyOnce() {
        Shopper.AsABrowserDoes strategy = new Shopper.AsABrowserDoes();
        HttpPost keyed = new HttpPost(ANY);
        keyed.setHeader("Idempotency-Key", "k");

        assertTrue(strategy.retryRequest(new HttpGet(ANY), new NoHttpResponseException("closed"), 1, null));
        assertTrue(strategy.retryRequest(keyed, new SocketException("Connection reset"), 1, null));
        assertFalse(strategy.retryRequest(new HttpPost(ANY), new NoHttpResponseException("closed"), 1, null),
                "a POST without a key might be applied twice");
        assertFalse(strategy.retryRequest(new HttpGet(ANY), new NoHttpResponseException("closed"), 2, null), "once, not again");
        assertFalse(strategy.retryRequest(new HttpGet(ANY), new ConnectException("refused"), 1, null),
                "a refused connection is nginx down, not a connection closed under a request");
        assertFalse(strategy.retryRequest(new BasicHttpResponse(503), 1, null), "an answer is never sent again");
    }

    /** The request line; reads the head up to its blank line (the shopper's GETs have no body). */
    private static String readRequestLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString().lines().findFirst().orElse("");
    }

    private static void answer(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nX-Shop-Instance: shop-1\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
