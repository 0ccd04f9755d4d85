package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static HttpServletRequest request(String remoteAddress, String proto) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getRemoteAddr", remoteAddress);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return ForwardedHttpsFilter.HEADER.equalsIgnoreCase((String) args[0]) ? proto : null;
                    }
                    return answers.get(method.getName());
                });
    }
}
