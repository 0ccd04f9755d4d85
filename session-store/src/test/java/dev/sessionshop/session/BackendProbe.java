package dev.sessionshop.session;

import java.time.Duration;
import java.util.Set;

/**
 * What the contract tests need to see of a store beside the filter's view: whether a session is there,
 * its TTL, its stored bytes, and a way to plant bytes as anyone who can reach the store could. One per
 * backend, talking to the real server(s) over a connection of its own.
 */
public interface BackendProbe {

    /** Empties the store (before each test). */
    void flush();

    /** Whether the store holds the session (on any node). */
    boolean exists(String sessionId);

    /** Time left before the store expires the session, in milliseconds; -1 when it never expires, -2 when absent. */
    long ttlMillis(String sessionId);

    /**
     * How much longer than its timeout the store may keep a session after a read or write: the slice a
     * lazily renewing store adds (Redis), zero for a store that renews to exactly the timeout.
     */
    default Duration ttlSlack(Duration timeout) {
        return Duration.ZERO;
    }

    /** Shortens (or lengthens) the session's TTL behind the store's back. */
    void expireIn(String sessionId, Duration ttl);

    /** An attribute's bytes as stored, or null. */
    byte[] stored(String sessionId, String attribute);

    /** The names of the attributes the store holds for the session. */
    Set<String> storedNames(String sessionId);

    /** Writes an attribute's bytes into a stored session, as an attacker with access to the store could. */
    void plant(String sessionId, String attribute, byte[] value);

    /** The session's stored version. */
    long version(String sessionId);

    /** How many sessions the store holds. */
    long sessionCount();

    /** Commands so far that changed something (writes, deletes), counted by the server. */
    long writes();

    /** Every command so far from any client except the probe's statistics, counted by the server. */
    long calls();
}
