package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Redis session store. Immutable; build one with {@link #builder()}.
 */
public final class RedisSessionConfig {

    static final String DEFAULT_KEY_PREFIX = "shop:session:";
    /** The default {@link #ttlRefreshPercent()}: a 30-minute session's TTL is renewed at most every 3 minutes. */
    public static final int DEFAULT_TTL_REFRESH_PERCENT = 10;
    /** The largest {@link #ttlRefreshPercent()}: beyond it a session could outlive its timeout by more than half. */
    public static final int MAX_TTL_REFRESH_PERCENT = 50;

    private final SessionSettings settings;
    private final String redisUri;
    private final List<String> sentinels;
    private final String sentinelMaster;
    private final char[] password;
    private final String keyPrefix;
    private final int ttlRefreshPercent;

    private RedisSessionConfig(Builder builder, SessionSettings settings) {
        this.settings = settings;
        this.redisUri = builder.redisUri;
        this.sentinels = List.copyOf(builder.sentinels);
        this.sentinelMaster = builder.sentinelMaster;
        this.password = builder.password == null || builder.password.isEmpty() ? null : builder.password.toCharArray();
        if ((redisUri == null || redisUri.isBlank()) == sentinels.isEmpty()) {
            throw new IllegalArgumentException("exactly one of redisUri and sentinels is required");
        }
        if (!sentinels.isEmpty()) {
            requireText(sentinelMaster, "sentinel master name");
            sentinels.forEach(RedisSessionConfig::requireHostAndPort);
        }
        this.keyPrefix = Objects.requireNonNull(builder.keyPrefix, "keyPrefix");
        if (builder.ttlRefreshPercent < 0 || builder.ttlRefreshPercent > MAX_TTL_REFRESH_PERCENT) {
            throw new IllegalArgumentException("the TTL refresh slice is a percentage of the timeout from 0 to "
                    + MAX_TTL_REFRESH_PERCENT + ", not " + builder.ttlRefreshPercent);
        }
        this.ttlRefreshPercent = builder.ttlRefreshPercent;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Cookie, timeout, allow-list and timeouts: what every backend shares. */
    public SessionSettings settings() {
        return settings;
    }

    /** The Redis URI, or null when the store finds its primary through {@link #sentinels()}. */
    public String redisUri() {
        return redisUri;
    }

    /** {@code host:port} of each Sentinel; empty when {@link #redisUri()} names Redis directly. */
    public List<String> sentinels() {
        return sentinels;
    }

    /** The name the Sentinels monitor the primary under ({@code sentinel monitor <name> ...}). */
    public String sentinelMaster() {
        return sentinelMaster;
    }

    /** The password for Redis and the Sentinels, if one was given (a copy; never logged). */
    char[] password() {
        return password == null ? null : password.clone();
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * How lazily a read renews a session's TTL, in percent of its timeout. A read renews it only once it
     * has run down below the full timeout, and then sets it to the timeout plus this slice; in between a
     * read writes nothing for the TTL (no {@code PEXPIRE}, no {@code lastAccessedTime}), so there is less to
     * replicate. A session therefore expires between its timeout and its timeout plus the slice after the
     * last request, never sooner, and {@code getLastAccessedTime()} is the time of the last renewal, up to
     * a slice older than the previous request. 0: every read renews, to exactly the timeout.
     */
    public int ttlRefreshPercent() {
        return ttlRefreshPercent;
    }

    /** The TTL a read or write sets for a session with this timeout (seconds, positive), in milliseconds. */
    long ttlMillis(int maxInactiveSeconds) {
        long timeout = maxInactiveSeconds * 1000L;
        return timeout + timeout * ttlRefreshPercent / 100;
    }

    public Duration commandTimeout() {
        return settings.commandTimeout();
    }

    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    @Override
    public String toString() {
        // The URI may carry a password (redis://:secret@host): never print it.
        return "RedisSessionConfig[" + (sentinels.isEmpty() ? "" : "sentinels=" + sentinels + ", master=" + sentinelMaster + ", ")
                + "password=" + (password == null ? "none" : "***") + ", keyPrefix=" + keyPrefix
                + ", ttlRefreshPercent=" + ttlRefreshPercent + ", " + settings + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static void requireHostAndPort(String sentinel) {
        int colon = sentinel.lastIndexOf(':');
        if (colon <= 0 || !sentinel.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("a sentinel is host:port, not '" + sentinel + "'");
        }
    }

    /** Builder with the defaults the shop uses; the settings every backend shares come from {@link SessionSettings.Builder}. */
    public static final class Builder extends SessionSettings.Builder<Builder> {

        private String redisUri;
        private List<String> sentinels = List.of();
        private String sentinelMaster;
        private String password;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private int ttlRefreshPercent = DEFAULT_TTL_REFRESH_PERCENT;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** {@code redis://host:port[/db]} or {@code redis-sentinel://host:port[,host:port]#master}, as Lettuce's RedisURI reads them. */
        public Builder redisUri(String redisUri) {
            this.redisUri = redisUri;
            this.sentinels = List.of();
            return this;
        }

        /**
         * Find the primary through Redis Sentinel instead of a fixed address: the store asks these
         * Sentinels ({@code host:port}) for the primary they monitor as {@code master}, and asks again
         * whenever its connection breaks, so it follows a failover. Replaces {@link #redisUri(String)}.
         */
        public Builder sentinels(String master, List<String> hostPorts) {
            this.sentinelMaster = master;
            this.sentinels = List.copyOf(hostPorts);
            this.redisUri = null;
            return this;
        }

        /**
         * Password ({@code requirepass}) of Redis and, behind Sentinel, of the Sentinels too. Null or
         * empty: none, or the one inside {@link #redisUri(String)}.
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** See {@link RedisSessionConfig#ttlRefreshPercent()}; from 0 to {@value RedisSessionConfig#MAX_TTL_REFRESH_PERCENT}. */
        public Builder ttlRefreshPercent(int percent) {
            this.ttlRefreshPercent = percent;
            return this;
        }

        public RedisSessionConfig build() {
            return new RedisSessionConfig(this, settings());
        }
    }
}
