package dev.sessionshop.benchmark;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The strategies the benchmark can run, as the launcher names them ({@code deployment/strategies.sh}), each
 * a routing and a home. The benchmark asks the axis, never the name: the home decides which probes measure
 * the session (the grid's map statistics, or Redis's {@code MONITOR}, {@code INFO} and CPU), and whether a
 * lost instance loses carts by design. A new strategy is one constant here ({@code BenchStrategyTest}
 * fails until the launcher's table and this one agree).
 */
enum BenchStrategy {
    // The last argument is the strategy's colour in every chart (the Tableau 10 palette): same routing,
    // related colours would blur in the failover chart, so each has its own.
    STICKY("sticky", Routing.IP_HASH, Home.MEMORY, 0x4E79A7),
    STICKY_COOKIE("sticky-cookie", Routing.ROUTE_COOKIE, Home.MEMORY, 0x76B7B2),
    CLUSTERING("clustering", Routing.ROUND_ROBIN, Home.GRID, 0xF28E2B),
    CLUSTERING_STICKY("clustering-sticky", Routing.ROUTE_COOKIE, Home.GRID, 0xB07AA1),
    EXTERNAL("external", Routing.ROUND_ROBIN, Home.REDIS, 0x59A14F),
    EXTERNAL_MEMCACHED("external-memcached", Routing.ROUND_ROBIN, Home.MEMCACHED, 0xEDC948);

    /** The one every other is compared with: the report's "× sticky" and its targets. */
    static final BenchStrategy BASELINE = STICKY;

    /**
     * How nginx picks the instance. With {@code IP_HASH} each shopper needs an address of its own (its
     * {@code X-Forwarded-For}, a /24 each); with {@code ROUTE_COOKIE} its cookie jar pins it, by keeping the
     * {@code JSESSIONID} whose suffix names the instance.
     */
    enum Routing {
        IP_HASH, ROUTE_COOKIE, ROUND_ROBIN
    }

    /** Where the session lives between requests. */
    enum Home {
        /** The instance's memory: gone with the instance. */
        MEMORY,
        /** Payara's Hazelcast data grid, on the instances themselves. */
        GRID,
        /** This project's session store in Redis. */
        REDIS,
        /** The same store in two memcached nodes, each session on its owner and a backup node. */
        MEMCACHED;

        /** The store's name in the report ("Redis", "memcached"), or null for a home that is no store of ours. */
        String storeName() {
            return switch (this) {
                case REDIS -> "Redis";
                case MEMCACHED -> "memcached";
                case MEMORY, GRID -> null;
            };
        }
    }

    private final String id;
    private final Routing routing;
    private final Home home;
    private final int colour;

    BenchStrategy(String id, Routing routing, Home home, int colour) {
        this.id = id;
        this.routing = routing;
        this.home = home;
        this.colour = colour;
    }

    /** The argument of {@code deployment/shop up} and {@code --strategies}, and the report's name for it. */
    String id() {
        return id;
    }

    Routing routing() {
        return routing;
    }

    Home home() {
        return home;
    }

    /** The chart colour, 0xRRGGBB. */
    int colour() {
        return colour;
    }

    /** Whether nginx keeps each client on one instance while that instance lives. */
    boolean pinsClient() {
        return switch (routing) {
            case IP_HASH, ROUTE_COOKIE -> true;
            case ROUND_ROBIN -> false;
        };
    }

    /** Whether a client's session outlives its instance: the failover targets apply only then. */
    boolean keepsSessionsOfADeadInstance() {
        return switch (home) {
            case MEMORY -> false;
            case GRID, REDIS, MEMCACHED -> true;
        };
    }

    static BenchStrategy parse(String id) {
        return Arrays.stream(values())
                .filter(strategy -> strategy.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy: " + id + " (" + names() + ")"));
    }

    /** "sticky, sticky-cookie, …": every id, in this order. */
    static String names() {
        return Arrays.stream(values()).map(BenchStrategy::id).collect(Collectors.joining(", "));
    }
}
