package dev.sessionshop.web.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"})
    void methodsTheShopServesPass(String method) {
        assertEquals(Optional.empty(), RequestRules.check(method, "/cart", false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "PROPFIND", "MKCOL", "BREW", "get", "CONNECT"})
    void anyOtherMethodIsNotImplemented(String method) {
        assertEquals(501, RequestRules.check(method, "/", false, null).orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/cart;jsessionid=abc", "/cart;JSESSIONID=abc", "/a;x=1;jsessionid=abc/b"})
    void sessionIdInTheUrlIsABadRequest(String uri) {
        RequestRules.Refusal refusal = RequestRules.check("GET", uri, false, null).orElseThrow();
        assertEquals(400, refusal.status());
        assertEquals(RequestRules.URL_SESSION_ID_MESSAGE, refusal.message());
    }

    @Test
    void containerFindingAnIdInTheUrlIsABadRequestWhateverThePathLooksLike() {
        assertEquals(400, RequestRules.check("GET", "/cart", true, null).orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "utf-8", "utf8", "US-ASCII", "ISO-8859-1", "latin1", " UTF-8 "})
    void utf8AndItsAsciiSubsetsPass(String charset) {
        assertTrue(RequestRules.acceptedCharset(charset), charset);
        assertEquals(Optional.empty(), RequestRules.check("POST", "/signin", false, charset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-16", "UTF-16LE", "utf-32", "x-bogus", "not a charset", ""})
    void anyOtherCharsetIsABadRequest(String charset) {
        assertFalse(RequestRules.acceptedCharset(charset), charset);
        RequestRules.Refusal refusal = RequestRules.check("GET", "/health/live", false, charset).orElseThrow();
        assertEquals(400, refusal.status());
        assertEquals(RequestRules.CHARSET_MESSAGE, refusal.message());
    }

    @Test
    void theLogNeverShowsPathParametersControlCharactersOrALongPath() {
        assertEquals("/api/cart", RequestRules.loggable("/api/cart;jsessionid=secret"));
        assertEquals("/a??b", RequestRules.loggable("/a\r\nb"));
        assertEquals(201, RequestRules.loggable("/" + "x".repeat(500)).length());
    }
}
