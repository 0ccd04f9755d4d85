package dev.sessionshop.web.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the session lives; chosen at launch, the same WAR serves all three. */
public enum SessionStrategy {
    /** nginx ip_hash pins a client to one instance; the session lives in that instance's memory. */
    STICKY,
    /** Payara's Hazelcast data grid replicates the session between instances. */
    CLUSTERING,
    /** The session lives in Redis, through this project's session-store filter. */
    EXTERNAL;

    public static SessionStrategy parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(strategy -> strategy.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown session strategy '" + value
                        + "'; SESSION_STRATEGY must be one of " + names()));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(SessionStrategy::id).collect(Collectors.joining(", "));
    }
}
