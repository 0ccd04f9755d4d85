package dev.sessionshop.session;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PlainUnavailableResponseTest {

    private final RuntimeException cause = new SessionStoreUnavailableException(
            "Redis load failed: Connection refused: /127.0.0.1:1", new IllegalStateException("inner"));

    @Test
    void browserGetsATinyHtmlPage() throws IOException {
        FakeResponse response = answer("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertEquals(503, response.status);
        assertEquals("text/html", response.contentType);
        assertTrue(response.body.toString().contains("Session store unavailable, try again shortly"));
        assertEquals("5", response.getHeader("Retry-After"));
        assertNoInternals(response.body.toString());
    }

    @Test
    void apiClientGetsProblemJson() throws IOException {
        FakeResponse response = answer("application/json");
        assertEquals(503, response.status);
        assertEquals("application/problem+json", response.contentType);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Session store unavailable, try again shortly\"}", response.body.toString());
        assertNoInternals(response.body.toString());
    }

    @Test
    void noAcceptHeaderGetsHtml() throws IOException {
        assertEquals("text/html", answer(null).contentType);
    }

    @Test
    void acceptPreferenceFollowsQValues() {
        assertTrue(PlainUnavailableResponse.prefersJson("application/json, text/html;q=0.5"));
        assertFalse(PlainUnavailableResponse.prefersJson("application/json;q=0.4, text/html"));
        assertFalse(PlainUnavailableResponse.prefersJson("*/*"));
        assertTrue(PlainUnavailableResponse.prefersJson("application/problem+json"));
        assertFalse(PlainUnavailableResponse.prefersJson("application/json;q=0"));
    }

    private FakeResponse answer(String accept) throws IOException {
        FakeRequest request = FakeRequest.create();
        if (accept != null) {
            request.header("Accept", accept);
        }
        FakeResponse response = FakeResponse.create();
        new PlainUnavailableResponse().handle(request, response, cause);
        return response;
    }

    public static void assertNoInternals(String body) {
        assertFalse(body.contains("Exception"), body);
        assertFalse(body.contains("at dev."), body);
        assertFalse(body.contains("127.0.0.1"), body);
        assertFalse(body.contains("refused"), body);
    }
}
