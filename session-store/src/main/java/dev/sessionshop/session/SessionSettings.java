package dev.sessionshop.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every backend shares: the cookie, the default timeout, what attribute values may be read back
 * (the allow-list and its limits) and how long one call to the store may take. A backend's own config
 * builder extends {@link Builder}, so these settings are spelled the same for Redis and Memcached.
 */
public final class SessionSettings {

    static final String DEFAULT_COOKIE_NAME = "SHOPSESSION";

    private final String cookieName;
    private final Duration maxInactiveInterval;
    private final List<String> allowedClasses;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int maxDepth;
    private final long maxReferences;
    private final long maxAttributeBytes;
    private final int maxArrayLength;
    private final boolean forceSecureCookie;

    private SessionSettings(Builder<?> builder) {
        this.cookieName = builder.cookieName;
        if (cookieName == null || !cookieName.matches("[A-Za-z0-9_\\-]+")) {
            throw new IllegalArgumentException("cookieName must be a plain token: " + cookieName);
        }
        this.maxInactiveInterval = Objects.requireNonNull(builder.maxInactiveInterval, "maxInactiveInterval");
        this.allowedClasses = List.copyOf(builder.allowedClasses);
        this.commandTimeout = positive(builder.commandTimeout, "commandTimeout");
        this.connectTimeout = positive(builder.connectTimeout, "connectTimeout");
        this.maxDepth = builder.maxDepth;
        this.maxReferences = builder.maxReferences;
        this.maxAttributeBytes = builder.maxAttributeBytes;
        this.maxArrayLength = builder.maxArrayLength;
        this.forceSecureCookie = builder.forceSecureCookie;
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

    public String cookieName() {
        return cookieName;
    }

    public Duration maxInactiveInterval() {
        return maxInactiveInterval;
    }

    /** {@link #maxInactiveInterval()} in whole seconds, as sessions and store TTLs count it. */
    public int maxInactiveSeconds() {
        return (int) maxInactiveInterval.toSeconds();
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
        return "cookieName=" + cookieName + ", maxInactiveInterval=" + maxInactiveInterval + ", commandTimeout="
                + commandTimeout + ", allowedClasses=" + allowedClasses;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    /**
     * The settings every backend's builder offers, with the defaults the shop uses.
     *
     * @param <B> the backend's own builder, so that chained calls keep its type
     */
    public abstract static class Builder<B extends Builder<B>> {

        private String cookieName = DEFAULT_COOKIE_NAME;
        private Duration maxInactiveInterval = Duration.ofMinutes(30);
        private List<String> allowedClasses = List.of("java.lang.*", "java.util.*", "java.time.*", "java.math.*");
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private int maxDepth = 20;
        private long maxReferences = 10_000;
        private long maxAttributeBytes = 1024 * 1024;
        private int maxArrayLength = 10_000;
        private boolean forceSecureCookie;

        protected Builder() {
        }

        protected abstract B self();

        /** The shared part of what was set, validated. */
        protected SessionSettings settings() {
            return new SessionSettings(this);
        }

        public B cookieName(String cookieName) {
            this.cookieName = cookieName;
            return self();
        }

        /** Default session lifetime without use; also the store's TTL. Zero or negative means never expires. */
        public B maxInactiveInterval(Duration maxInactiveInterval) {
            this.maxInactiveInterval = maxInactiveInterval;
            return self();
        }

        /**
         * Classes that attribute values may contain, as {@link java.io.ObjectInputFilter} patterns:
         * {@code pkg.Class}, {@code pkg.*} (that package), {@code pkg.**} (and sub-packages). Anything
         * else is rejected. Replaces the default list.
         */
        public B allowedClasses(String... patterns) {
            this.allowedClasses = List.of(patterns);
            return self();
        }

        /** How long one call to the store may take before the request gets a 503. */
        public B commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return self();
        }

        /** How long opening a connection to the store may take. */
        public B connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return self();
        }

        /** Deserialization limits per attribute value: object graph depth, references, stream bytes. */
        public B deserializationLimits(int maxDepth, long maxReferences, long maxAttributeBytes) {
            this.maxDepth = maxDepth;
            this.maxReferences = maxReferences;
            this.maxAttributeBytes = maxAttributeBytes;
            return self();
        }

        /**
         * The most elements any one array in an attribute value may declare. A stream states an array's
         * length before its elements, and the JVM allocates it whole: without this limit a 237-byte value
         * could make it allocate 80 MiB before failing.
         */
        public B maxArrayLength(int maxArrayLength) {
            this.maxArrayLength = maxArrayLength;
            return self();
        }

        /**
         * Always mark the session cookie {@code Secure}, whatever the request says: for a site served only
         * over HTTPS behind a proxy whose scheme the container does not see. Default false: {@code Secure}
         * when the request is secure or marked so ({@link SecureRequests}).
         */
        public B forceSecureCookie(boolean forceSecureCookie) {
            this.forceSecureCookie = forceSecureCookie;
            return self();
        }
    }
}
