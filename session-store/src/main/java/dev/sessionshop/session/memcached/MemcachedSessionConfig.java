package dev.sessionshop.session.memcached;

import dev.sessionshop.session.SessionSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of the Memcached session store. Immutable; build one with {@link #builder()}, or start from the
 * environment with {@link #fromEnvironment()}.
 */
public final class MemcachedSessionConfig {

    /** System property, or environment variable {@value #NODES_ENV}: {@code host:port,host:port}. */
    public static final String NODES_PROPERTY = "shop.memcached.nodes";
    public static final String NODES_ENV = "SHOP_MEMCACHED_NODES";
    /** System property, or environment variable {@value #TIMEOUT_ENV}: milliseconds per memcached call. */
    public static final String TIMEOUT_PROPERTY = "shop.memcached.timeout-ms";
    public static final String TIMEOUT_ENV = "SHOP_MEMCACHED_TIMEOUT_MS";
    /** The launcher's two nodes on loopback. */
    public static final String DEFAULT_NODES = "127.0.0.1:11211,127.0.0.1:11212";
    static final String DEFAULT_KEY_PREFIX = "shop:session:";
    /** memcached's default item size ({@code -I 1m}) less 1 KiB for the key and the item's own header. */
    static final int DEFAULT_MAX_ITEM_BYTES = 1024 * 1024 - 1024;

    private final SessionSettings settings;
    private final List<InetSocketAddress> nodes;
    private final String keyPrefix;
    private final int maxItemBytes;

    private MemcachedSessionConfig(Builder builder, SessionSettings settings) {
        this.settings = settings;
        this.nodes = List.copyOf(builder.nodes);
        if (nodes.isEmpty() || nodes.size() > 2) {
            throw new IllegalArgumentException("one or two memcached nodes (owner and backup), not " + nodes.size());
        }
        this.keyPrefix = Objects.requireNonNull(builder.keyPrefix, "keyPrefix");
        this.maxItemBytes = builder.maxItemBytes;
        if (maxItemBytes <= 0) {
            throw new IllegalArgumentException("maxItemBytes must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with the nodes and timeout from system properties or the environment
     * ({@value #NODES_ENV}, default {@value #DEFAULT_NODES}; {@value #TIMEOUT_ENV}, default 2000).
     */
    public static Builder fromEnvironment() {
        return fromEnvironment(name -> Optional.ofNullable(System.getProperty(name)));
    }

    static Builder fromEnvironment(Function<String, Optional<String>> properties) {
        Function<String, Optional<String>> env = name -> Optional.ofNullable(System.getenv(name));
        String nodes = properties.apply(NODES_PROPERTY).or(() -> env.apply(NODES_ENV)).orElse(DEFAULT_NODES);
        Builder builder = builder().nodes(nodes);
        properties.apply(TIMEOUT_PROPERTY).or(() -> env.apply(TIMEOUT_ENV))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms.trim())))
                .ifPresent(timeout -> builder.commandTimeout(timeout).connectTimeout(timeout));
        return builder;
    }

    /** Cookie, timeout, allow-list and timeouts: what every backend shares. */
    public SessionSettings settings() {
        return settings;
    }

    /** The nodes, in the order given: a session's owner is chosen among them from its id. */
    public List<InetSocketAddress> nodes() {
        return nodes;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * The largest session item the store sends; a larger one is refused before it is sent
     * ({@link dev.sessionshop.session.SessionTooLargeException}). It must stay below memcached's {@code -I}.
     */
    public int maxItemBytes() {
        return maxItemBytes;
    }

    @Override
    public String toString() {
        return "MemcachedSessionConfig[nodes=" + nodes.stream().map(MemcachedSessionConfig::hostPort).toList()
                + ", keyPrefix=" + keyPrefix + ", " + settings + "]";
    }

    static String hostPort(InetSocketAddress node) {
        return node.getHostString() + ":" + node.getPort();
    }

    /** Builder with the defaults the shop uses; the settings every backend shares come from {@link SessionSettings.Builder}. */
    public static final class Builder extends SessionSettings.Builder<Builder> {

        private List<InetSocketAddress> nodes = List.of();
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private int maxItemBytes = DEFAULT_MAX_ITEM_BYTES;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** {@code host:port,host:port}: one node, or two (each session's owner and backup). */
        public Builder nodes(String hostPorts) {
            this.nodes = Arrays.stream(hostPorts.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Builder::node).toList();
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * The largest session item to send: memcached's {@code -I} (1 MiB by default) less about 1 KiB for the
         * key and the item header. A SET that memcached refuses as too large also deletes the item it would
         * have replaced, so the store must refuse first.
         */
        public Builder maxItemBytes(int maxItemBytes) {
            this.maxItemBytes = maxItemBytes;
            return this;
        }

        public MemcachedSessionConfig build() {
            return new MemcachedSessionConfig(this, settings());
        }

        private static InetSocketAddress node(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("a memcached node is host:port, not '" + hostPort + "'");
            }
            return InetSocketAddress.createUnresolved(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
    }
}
