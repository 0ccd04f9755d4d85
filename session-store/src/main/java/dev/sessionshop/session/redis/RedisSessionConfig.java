package dev.sessionshop.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Redis session store. Immutable; build one with {@link #builder()}.
 */
public final class RedisSessionConfig {

    static final String DEFAULT_COOKIE_NAME = "SHOPSESSION";
    static final String DEFAULT_KEY_PREFIX = "shop:session:";

    private final String redisUri;
    private final List<String> sentinels;
    private final String sentinelMaster;
    private final char[] password;
    private final String cookieName;
    private final Duration maxInactiveInterval;
    private final String keyPrefix;
    private final List<String> allowedClasses;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int maxDepth;
    private final long maxReferences;
    private final long maxAttributeBytes;
    private final int maxArrayLength;
    private final boolean forceSecureCookie;

    private RedisSessionConfig(Builder builder) {
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
        this.cookieName = requireText(builder.cookieName, "cookieName");
        this.maxInactiveInterval = Objects.requireNonNull(builder.maxInactiveInterval, "maxInactiveInterval");
        this.keyPrefix = Objects.requireNonNull(builder.keyPrefix, "keyPrefix");
        this.allowedClasses = List.copyOf(builder.allowedClasses);
        this.commandTimeout = positive(builder.commandTimeout, "commandTimeout");
        this.connectTimeout = positive(builder.connectTimeout, "connectTimeout");
        this.maxDepth = builder.maxDepth;
        this.maxReferences = builder.maxReferences;
        this.maxAttributeBytes = builder.maxAttributeBytes;
        this.maxArrayLength = builder.maxArrayLength;
        this.forceSecureCookie = builder.forceSecureCookie;
        if (!cookieName.matches("[A-Za-z0-9_\\-]+")) {
            throw new IllegalArgumentException("cookieName must be a plain token: " + cookieName);
        }
        if (maxDepth <= 0 || maxReferences <= 0 || maxAttributeBytes <= 0 || maxArrayLength <= 0) {
            throw new IllegalArgumentException("deserialization limits must be positive");
        }
        for (String pattern : allowedClasses) {
            // ';' separates patterns and '!' rejects in ObjectInputFilter syntax: refuse both so an
            // allow-list entry can never smuggle in a rejection or a limit.
            if (pattern.isBlank() || pattern.contains(";") || pattern.contains("!") || pattern.contains("=")) {
                throw new IllegalArgumentException("not a class pattern: '" + pattern + "'");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
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

    public String cookieName() {
        return cookieName;
    }

    public Duration maxInactiveInterval() {
        return maxInactiveInterval;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public List<String> allowedClasses() {
        return allowedClasses;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public long maxReferences() {
        return maxReferences;
    }

    public long maxAttributeBytes() {
        return maxAttributeBytes;
    }

    public int maxArrayLength() {
        return maxArrayLength;
    }

    public boolean forceSecureCookie() {
        return forceSecureCookie;
    }

    @Override
    public String toString() {
        // The URI may carry a password (redis://:secret@host): never print it.
        return "RedisSessionConfig[" + (sentinels.isEmpty() ? "" : "sentinels=" + sentinels + ", master=" + sentinelMaster + ", ")
                + "password=" + (password == null ? "none" : "***") + ", cookieName=" + cookieName + ", keyPrefix=" + keyPrefix
                + ", maxInactiveInterval=" + maxInactiveInterval + ", commandTimeout=" + commandTimeout
                + ", allowedClasses=" + allowedClasses + "]";
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

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    /** Builder with the defaults the shop uses. */
    public static final class Builder {

        private String redisUri;
        private List<String> sentinels = List.of();
        private String sentinelMaster;
        private String password;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private Duration maxInactiveInterval = Duration.ofMinutes(30);
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private List<String> allowedClasses = List.of("java.lang.*", "java.util.*", "java.time.*", "java.math.*");
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private int maxDepth = 20;
        private long maxReferences = 10_000;
        private long maxAttributeBytes = 1024 * 1024;
        private int maxArrayLength = 10_000;
        private boolean forceSecureCookie;

        private Builder() {
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

        public Builder cookieName(String cookieName) {
            this.cookieName = cookieName;
            return this;
        }

        /** Default session lifetime without use; also the Redis TTL. Zero or negative means never expires. */
        public Builder maxInactiveInterval(Duration maxInactiveInterval) {
            this.maxInactiveInterval = maxInactiveInterval;
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * Classes that attribute values may contain, as {@link java.io.ObjectInputFilter} patterns:
         * {@code pkg.Class}, {@code pkg.*} (that package), {@code pkg.**} (and sub-packages). Anything
         * else is rejected. Replaces the default list.
         */
        public Builder allowedClasses(String... patterns) {
            this.allowedClasses = List.of(patterns);
            return this;
        }

        /** How long one Redis command may take before the request gets a 503. */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** How long opening a connection to Redis may take. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Deserialization limits per attribute value: object graph depth, references, stream bytes. */
        public Builder deserializationLimits(int maxDepth, long maxReferences, long maxAttributeBytes) {
            this.maxDepth = maxDepth;
            this.maxReferences = maxReferences;
            this.maxAttributeBytes = maxAttributeBytes;
            return this;
        }

        /**
         * The most elements any one array in an attribute value may declare. A stream states an array's
         * length before its elements, and the JVM allocates it whole: without this limit a 237-byte value
         * could make it allocate 80 MiB before failing.
         */
        public Builder maxArrayLength(int maxArrayLength) {
            this.maxArrayLength = maxArrayLength;
            return this;
        }

        /**
         * Always mark the session cookie {@code Secure}, whatever the request says: for a site served only
         * over HTTPS behind a proxy whose scheme the container does not see. Default false: {@code Secure}
         * when the request is secure or marked so ({@link dev.sessionshop.session.SecureRequests}).
         */
        public Builder forceSecureCookie(boolean forceSecureCookie) {
            this.forceSecureCookie = forceSecureCookie;
            return this;
        }

        public RedisSessionConfig build() {
            return new RedisSessionConfig(this);
        }
    }
}
