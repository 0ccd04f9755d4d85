package dev.sessionshop.web.session;

import dev.sessionshop.session.SessionStoreFilter;
import dev.sessionshop.session.redis.RedisSessionConfig;
import dev.sessionshop.session.redis.RedisSessionStore;
import dev.sessionshop.web.config.RedisSettings;
import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.error.ErrorResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs the Redis-backed session for the {@code external} strategy: the session-store filter wraps
 * every request before the shop's own filters run, so {@code request.getSession()} anywhere in the shop
 * returns the session kept in Redis, and the container's own session is never created.
 */
public final class ExternalSessionWiring implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExternalSessionWiring.class.getName());

    /** What may be read back from Redis: the shop's own values and the JDK types they are made of. */
    static final String[] ALLOWED_CLASSES = {
        "dev.sessionshop.**", "java.lang.*", "java.util.*", "java.time.*", "java.math.*"
    };

    private static final String ATTRIBUTE = ExternalSessionWiring.class.getName();
    /**
     * MicroProfile Config (environment {@code SHOP_SESSION_FORCE_SECURE_COOKIE}): mark the session cookie
     * {@code Secure} on every response, for a site served only over HTTPS. Default false: {@code Secure} when
     * the request came over HTTPS ({@link ForwardedHttpsFilter}).
     */
    static final String FORCE_SECURE_COOKIE = "shop.session.force-secure-cookie";

    private final RedisSessionStore store;

    private ExternalSessionWiring(RedisSessionStore store) {
        this.store = store;
    }

    public static ExternalSessionWiring install(ServletContext context, ShopSettings settings) {
        RedisSettings redis = RedisSettings.fromConfig();
        RedisSessionConfig.Builder config = RedisSessionConfig.builder()
                .maxInactiveInterval(settings.sessionTimeout())
                .allowedClasses(ALLOWED_CLASSES)
                .forceSecureCookie(ConfigProvider.getConfig().getOptionalValue(FORCE_SECURE_COOKIE, Boolean.class).orElse(false))
                .password(redis.password());
        if (redis.viaSentinel()) {
            config.sentinels(redis.master(), redis.sentinels());
        } else {
            config.redisUri(redis.uri());
        }
        RedisSessionStore store = RedisSessionStore.start(config.build());
        SessionStoreFilter filter = new SessionStoreFilter(store, (request, response, cause) -> {
            request.setAttribute(SessionPanel.STORE_DOWN, Boolean.TRUE);
            // The filter reset the response, headers included; say who answered all the same.
            response.setHeader(SessionActivityFilter.INSTANCE_HEADER, InstanceIdentity.current().name());
            ErrorResponses.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The session store is not reachable right now, so your cart cannot be read. "
                            + "Please try again in a few seconds.");
        });
        FilterRegistration.Dynamic registration = context.addFilter("redisSessionFilter", filter);
        // isMatchAfter=false: before the filters of web.xml, so they already see the Redis session.
        registration.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        registration.setAsyncSupported(true);
        LOG.info(() -> "Sessions are kept in Redis: " + redis.describe());
        ExternalSessionWiring wiring = new ExternalSessionWiring(store);
        context.setAttribute(ATTRIBUTE, wiring);
        return wiring;
    }

    /** The Redis store when the {@code external} strategy is on, for pages that show where a session is. */
    public static Optional<RedisSessionStore> storeOf(ServletContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof ExternalSessionWiring wiring
                ? Optional.of(wiring.store) : Optional.empty();
    }

    @Override
    public void close() {
        store.close();
    }
}
