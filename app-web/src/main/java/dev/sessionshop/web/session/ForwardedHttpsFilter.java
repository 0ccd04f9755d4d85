package dev.sessionshop.web.session;

import dev.sessionshop.session.SecureRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks a request secure when the proxy in front of the shop says the client spoke HTTPS
 * ({@code X-Forwarded-Proto: https}), so that every session cookie of that request is {@code Secure}:
 * Payara's {@code JSESSIONID} and the Redis store's {@code SHOPSESSION} both follow
 * {@code request.isSecure()}.
 *
 * <p>The header is believed only from a trusted proxy (MicroProfile Config {@code shop.trusted.proxies},
 * environment {@code SHOP_TRUSTED_PROXIES}, default {@link TrustedProxies#DEFAULT}); nginx sets it from
 * its own {@code $scheme}, replacing whatever the client sent ({@code nginx/shop-proxy.conf}).
 *
 * <p>Payara decides the {@code Secure} flag of its session cookie from its own request object, below any
 * wrapper an application can install, so this filter flips that object's flag ({@code setSecure}, a
 * public method of Payara's request, found by reflection). On another container it falls back to a
 * wrapper. The Redis store's filter runs before this one, so it learns of HTTPS from
 * {@link SecureRequests#markSecure}, which this filter always calls.
 */
public class ForwardedHttpsFilter extends HttpFilter {

    static final String HEADER = "X-Forwarded-Proto";
    static final String TRUSTED_PROXIES = "shop.trusted.proxies";
    private static final Logger LOG = Logger.getLogger(ForwardedHttpsFilter.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TrustedProxies trusted;

    public ForwardedHttpsFilter() {
    }

    ForwardedHttpsFilter(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    public void init(FilterConfig config) {
        String spec = ConfigProvider.getConfig().getOptionalValue(TRUSTED_PROXIES, String.class)
                .orElse(TrustedProxies.DEFAULT);
        trusted = TrustedProxies.parse(spec);
        LOG.info(() -> "X-Forwarded-Proto is believed from " + spec);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (forwardedHttps(request, trusted)) {
            // The external store's filter runs before this one and cannot see a wrapper added here: the
            // request attribute reaches it through every wrapper.
            SecureRequests.markSecure(request);
            if (!request.isSecure() && !markContainerRequestSecure(request)) {
                chain.doFilter(new HttpsRequest(request), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** True when a trusted proxy sent exactly {@code X-Forwarded-Proto: https}. */
    static boolean forwardedHttps(HttpServletRequest request, TrustedProxies trusted) {
        String proto = request.getHeader(HEADER);
        return proto != null && proto.trim().equalsIgnoreCase("https") && trusted.trusts(request.getRemoteAddr());
    }

    /**
     * Payara (GlassFish) RequestFacade → getUnwrappedCoyoteRequest() → setSecure(true). The facade may sit
     * under wrappers (the Redis session filter's, in {@code external}).
     */
    private static boolean markContainerRequestSecure(HttpServletRequest request) {
        ServletRequest facade = request;
        while (facade instanceof ServletRequestWrapper wrapper) {
            facade = wrapper.getRequest();
        }
        try {
            Object containerRequest = facade.getClass().getMethod("getUnwrappedCoyoteRequest").invoke(facade);
            Method setSecure = containerRequest.getClass().getMethod("setSecure", boolean.class);
            setSecure.invoke(containerRequest, true);
            return request.isSecure();
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Cannot mark the container''s request secure ({0}); the container''s own "
                        + "session cookie will lack the Secure flag behind an HTTPS proxy", e.toString());
            }
            return false;
        }
    }

    private static final class HttpsRequest extends HttpServletRequestWrapper {

        HttpsRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String getScheme() {
            return "https";
        }
    }
}
