package dev.sessionshop.web.session;

import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionSettings;
import dev.sessionshop.session.SessionStoreFilter;
import dev.sessionshop.session.memcached.MemcachedSessionConfig;
import dev.sessionshop.session.memcached.MemcachedSessionStore;
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
 * Installs the session store for a strategy whose sessions live outside the instances (Redis for
 * {@code external}, memcached for {@code external-memcached}): the store's filter wraps every request
 * before the shop's own filters run, so {@code request.getSession()} anywhere in the shop returns the
 * session kept in the store, and the container's own session is never created. Only the backend differs:
 * the filter, the cookie, the allow-list and the 503 page are the same for both.
 */
public final class ExternalSessionWiring implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExternalSessionWiring.class.getName());

    /** What may be read back from the store: the shop's own values and the JDK types they are made of. */
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
    /**
     * MicroProfile Config (environment {@code SHOP_SESSION_TTL_REFRESH_PERCENT}), Redis only: how lazily a read
     * renews a session's TTL, in percent of the timeout, from 0 (every read, to exactly the timeout) to 50.
     * Default 10: a read renews only once the TTL has run down below the timeout, then to the timeout plus
     * 10 %, so most page views replicate nothing; a session then lives between 30 and 33 minutes after its
     * last request ({@link RedisSessionConfig#ttlRefreshPercent()}).
     */
    static final String TTL_REFRESH_PERCENT = "shop.session.ttl-refresh-percent";

    private final SessionBackend store;

    private ExternalSessionWiring(SessionBackend store) {
        this.store = store;
    }

    /** The {@code external} strategy: sessions in Redis, found directly or through its Sentinels. */
    public static ExternalSessionWiring redis(ServletContext context, ShopSettings settings) {
        RedisSettings redis = RedisSettings.fromConfig();
        RedisSessionConfig.Builder config = common(RedisSessionConfig.builder(), settings).password(redis.password())
                .ttlRefreshPercent(ConfigProvider.getConfig().getOptionalValue(TTL_REFRESH_PERCENT, Integer.class)
                        .orElse(RedisSessionConfig.DEFAULT_TTL_REFRESH_PERCENT));
        if (redis.viaSentinel()) {
            config.sentinels(redis.master(), redis.sentinels());
        } else {
            config.redisUri(redis.uri());
        }
        return install(context, RedisSessionStore.start(config.build()), "Redis: " + redis.describe());
    }

    /**
     * The {@code external-memcached} strategy: sessions in two memcached nodes, each written to its owner
     * node and a backup on the other ({@code SHOP_MEMCACHED_NODES}, {@code SHOP_MEMCACHED_TIMEOUT_MS}).
     */
    public static ExternalSessionWiring memcached(ServletContext context, ShopSettings settings) {
        MemcachedSessionConfig config = common(MemcachedSessionConfig.fromEnvironment(), settings).build();
        return install(context, MemcachedSessionStore.start(config), "memcached: " + config);
    }

    /** What every backend's settings share: the shop's timeout, its allow-list and the cookie's Secure rule. */
    private static <B extends SessionSettings.Builder<B>> B common(B builder, ShopSettings settings) {
        return builder.maxInactiveInterval(settings.sessionTimeout())
                .allowedClasses(ALLOWED_CLASSES)
                .forceSecureCookie(ConfigProvider.getConfig().getOptionalValue(FORCE_SECURE_COOKIE, Boolean.class).orElse(false));
    }

    private static ExternalSessionWiring install(ServletContext context, SessionBackend store, String where) {
        SessionStoreFilter filter = new SessionStoreFilter(store, (request, response, cause) -> {
            request.setAttribute(SessionPanel.STORE_DOWN, Boolean.TRUE);
            // The filter reset the response, headers included; say who answered all the same.
            response.setHeader(SessionActivityFilter.INSTANCE_HEADER, InstanceIdentity.current().name());
            ErrorResponses.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The session store is not reachable right now, so your cart cannot be read. "
                            + "Please try again in a few seconds.");
        });
        FilterRegistration.Dynamic registration = context.addFilter("sessionStoreFilter", filter);
        // isMatchAfter=false: before the filters of web.xml, so they already see the store's session.
        registration.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        registration.setAsyncSupported(true);
        LOG.info(() -> "Sessions are kept in " + where);
        ExternalSessionWiring wiring = new ExternalSessionWiring(store);
        context.setAttribute(ATTRIBUTE, wiring);
        return wiring;
    }

    /** The session store when a strategy keeps sessions outside the instances, for pages that show where a session is. */
    public static Optional<SessionBackend> storeOf(ServletContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof ExternalSessionWiring wiring
                ? Optional.of(wiring.store) : Optional.empty();
    }

    @Override
    public void close() {
        store.close();
    }
}
