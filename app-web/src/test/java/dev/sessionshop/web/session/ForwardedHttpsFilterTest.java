package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.session.SecureRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedHttpsFilterTest {

    private final TrustedProxies loopback = TrustedProxies.parse("127.0.0.0/8");

    @Test
    void httpsFromTheTrustedProxyCounts() {
        assertTrue(ForwardedHttpsFilter.forwardedHttps(request("127.0.0.1", "https"), loopback));
        assertTrue(ForwardedHttpsFilter.forwardedHttps(request("127.0.0.1", "HTTPS"), loopback));
    }

    @Test
    void httpsFromAnyoneElseIsIgnored() {
        assertFalse(ForwardedHttpsFilter.forwardedHttps(request("203.0.113.7", "https"), loopback));
    }

    @Test
    void anythingButExactlyHttpsIsIgnored() {
        assertFalse(ForwardedHttpsFilter.forwardedHttps(request("127.0.0.1", null), loopback));
        assertFalse(ForwardedHttpsFilter.forwardedHttps(request("127.0.0.1", "http"), loopback));
        assertFalse(ForwardedHttpsFilter.forwardedHttps(request("127.0.0.1", "https, http"), loopback),
                "a header appended to instead of replaced is not believed");
    }

    @Test
    void httpsFromTheTrustedProxyIsMarkedForTheSessionStoreThatRunsEarlier() throws Exception {
        // given: a container whose request cannot be flipped (not Payara), so the filter falls back to a wrapper
        HttpServletRequest request = request("127.0.0.1", "https");
        java.util.concurrent.atomic.AtomicReference<jakarta.servlet.ServletRequest> passedOn = new java.util.concurrent.atomic.AtomicReference<>();

        new ForwardedHttpsFilter(loopback).doFilter(request, null, (req, res) -> passedOn.set(req));

        // then: the store's filter, further up, reads the mark through any wrapper; the wrapper says https
        assertTrue(SecureRequests.isSecure(request), "the request under every wrapper carries the mark");
        assertTrue(passedOn.get().isSecure());
    }

    private static HttpServletRequest request(String remoteAddress, String proto) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getRemoteAddr", remoteAddress);
        answers.put("isSecure", false);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return ForwardedHttpsFilter.HEADER.equalsIgnoreCase((String) args[0]) ? proto : null;
                    }
                    if (method.getName().equals("setAttribute")) {
                        return answers.put("attribute:" + args[0], args[1]);
                    }
                    if (method.getName().equals("getAttribute")) {
                        return answers.get("attribute:" + args[0]);
                    }
                    return answers.get(method.getName());
                });
    }
}
