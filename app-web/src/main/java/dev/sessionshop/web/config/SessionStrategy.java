package dev.sessionshop.web.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the shop keeps a session in its cluster: a {@link Routing} (how nginx picks an instance) times a
 * {@link Home} (where the session lives). Chosen at launch; the same WAR serves every strategy. Code that
 * cares asks the axis it cares about ({@code strategy.home()}, {@code strategy.pinsClient()}) in a switch
 * expression, so a new routing or home that a place forgets does not compile.
 */
public enum SessionStrategy {
    /** nginx ip_hash pins a client's network to one instance; the session lives in that instance's memory. */
    STICKY(Routing.IP_HASH, Home.INSTANCE_MEMORY),
    /** nginx routes by the instance's route in the session cookie; the session lives in that instance's memory. */
    STICKY_COOKIE(Routing.ROUTE_COOKIE, Home.INSTANCE_MEMORY),
    /** Round robin; Payara's Hazelcast data grid keeps the session (owner + backup) for every instance. */
    CLUSTERING(Routing.ROUND_ROBIN, Home.DATA_GRID),
    /** Route in the cookie, data grid behind: requests stay on one instance, the grid's copy is for failover. */
    CLUSTERING_STICKY(Routing.ROUTE_COOKIE, Home.DATA_GRID),
    /** Round robin; the session lives in Redis, through this project's session-store filter. */
    EXTERNAL(Routing.ROUND_ROBIN, Home.REDIS),
    /** Round robin; the session lives in two memcached nodes, replicated by the same filter (owner + backup). */
    EXTERNAL_MEMCACHED(Routing.ROUND_ROBIN, Home.MEMCACHED);

    /** How nginx picks the instance for a request. */
    public enum Routing {
        /** A hash of the client's address (its /24 for IPv4). */
        IP_HASH,
        /** The route the instance put in the session cookie; round robin for a client without one. */
        ROUTE_COOKIE,
        /** Any instance, in turn. */
        ROUND_ROBIN
    }

    /** Where the session lives between requests. */
    public enum Home {
        /** The memory of the instance that created it: lost with that instance. */
        INSTANCE_MEMORY,
        /** Payara's data grid: an owner and a backup copy, on the instances themselves. */
        DATA_GRID,
        /** Redis outside the instances (primary + replica behind Sentinel), reached by every instance. */
        REDIS,
        /** Two memcached nodes outside the instances; the store's client writes each session to both. */
        MEMCACHED;

        /** Whether the session lives outside the instances, in a store this project's filter reads and writes. */
        public boolean outsideInstances() {
            return switch (this) {
                case INSTANCE_MEMORY, DATA_GRID -> false;
                case REDIS, MEMCACHED -> true;
            };
        }
    }

    private final Routing routing;
    private final Home home;

    SessionStrategy(Routing routing, Home home) {
        this.routing = routing;
        this.home = home;
    }

    public Routing routing() {
        return routing;
    }

    public Home home() {
        return home;
    }

    /** Whether one client's requests all go to one instance (while it lives). */
    public boolean pinsClient() {
        return switch (routing) {
            case IP_HASH, ROUTE_COOKIE -> true;
            case ROUND_ROBIN -> false;
        };
    }

    public static SessionStrategy parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(strategy -> strategy.id().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown session strategy '" + value
                        + "'; SESSION_STRATEGY must be one of " + names()));
    }

    /** The name users type: {@code sticky}, {@code sticky-cookie}, {@code clustering-sticky}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String names() {
        return Arrays.stream(values()).map(SessionStrategy::id).collect(Collectors.joining(", "));
    }
}
