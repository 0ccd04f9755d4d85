package dev.sessionshop.session;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where sessions are kept: the one seam between the store-agnostic core (filter, {@code HttpSession},
 * cookies, ids, serializer, save-before-commit) and a store such as Redis or Memcached. A backend moves
 * bytes; it never deserializes an attribute value. The ids it is given are well-formed
 * ({@link SessionIds#isWellFormed}) except in {@link #describe}, which must check.
 *
 * <p>Every method throws {@link SessionStoreUnavailableException} when the store cannot be reached in
 * time; the filter turns that into a 503. What "works" means is the contract test every backend runs
 * ({@code SessionStoreContract} in this module's tests).
 */
public interface SessionBackend extends AutoCloseable {

    /** The settings the core needs: cookie, default timeout, allow-list. */
    SessionSettings settings();

    /**
     * The session, with its last-access time and TTL refreshed in the store (one round trip where the
     * store allows it); empty when there is none. A forged id must not create anything. The returned
     * {@code lastAccessedTime} is the one from before this read, as {@code getLastAccessedTime()} wants.
     * A store may refresh lazily (Redis: only once the TTL has run down by a slice of the timeout), as
     * long as a session never expires sooner than its timeout after the last request that read it.
     *
     * @param read {@link Read#REQUEST} for a request's first read, which a {@link #countsRequests() counting}
     *             store counts in the same step; {@link Read#RELOAD} for the same request reading again
     */
    Optional<StoredSession> load(String sessionId, Read read);

    /**
     * Whether {@link #load} counts the requests that read a session, in the read itself (no write of its
     * own): then {@link StoredSession#requestCount()} is that count, this request included, and a new
     * session starts at 1. A store that cannot count in a read (Memcached: a read is a get-and-touch)
     * answers false and leaves counting to the application.
     */
    default boolean countsRequests() {
        return false;
    }

    /**
     * Writes one request's changes, atomically as seen by other readers, and applies the TTL
     * ({@code write.maxInactiveInterval()} seconds; zero or less: none).
     *
     * <ul>
     *   <li>{@link WriteMode#CREATE}: a new session, written whole, only if the id is free;</li>
     *   <li>{@link WriteMode#UPDATE}: only if the session still exists (not invalidated, renamed or expired
     *       since it was read): a late write never brings a session back ({@code GONE} otherwise);
     *       attributes the write does not name are left as they are in the store;</li>
     *   <li>{@link WriteMode#CHECKED}: as {@code UPDATE}, and only if the stored version is still
     *       {@code expectedVersion} ({@code CONFLICT} otherwise).</li>
     * </ul>
     *
     * @return the outcome and, when saved, the new version (every write increments it)
     * @throws IllegalStateException when a new session's id is taken (with 256-bit ids it never is)
     */
    Written write(String sessionId, WriteMode mode, long expectedVersion, SessionWrite write);

    /** Removes the session (invalidate, or a poisoned session). */
    void delete(String sessionId);

    /** Moves the session to a new id; false when the old one is gone. The old id names nothing afterwards. */
    boolean rename(String oldId, String newId);

    /** Where the session is kept, without touching it (no TTL refresh); empty when there is no such session. */
    Optional<SessionLocation> describe(String sessionId);

    @Override
    void close();

    /** Why a session is read: see {@link #load}. */
    enum Read {
        /** A request's first read of the session: counted where the store counts. */
        REQUEST,
        /** The same request reading it again (after a conflicting write): not counted twice. */
        RELOAD
    }

    /** How a write treats what the store holds: see {@link #write}. */
    enum WriteMode {
        CREATE, UPDATE, CHECKED
    }

    /** What a write did, and the session's version after it (when saved). */
    record Written(VersionedSession.Outcome outcome, long version) {
    }

    /**
     * A session as the store holds it: metadata, and each attribute value still serialized.
     *
     * @param maxInactiveInterval seconds; zero or less: never expires
     * @param version             incremented by every write; what a checked write compares
     * @param requestCount        requests that read the session, the current one included, where the store
     *                            {@link #countsRequests() counts}; 0 otherwise
     */
    record StoredSession(long creationTime, long lastAccessedTime, int maxInactiveInterval, long version,
                         Map<String, byte[]> attributes, long requestCount) {

        public StoredSession {
            attributes = Map.copyOf(attributes);
        }

        /** A session as a store that does not count requests holds it. */
        public StoredSession(long creationTime, long lastAccessedTime, int maxInactiveInterval, long version,
                             Map<String, byte[]> attributes) {
            this(creationTime, lastAccessedTime, maxInactiveInterval, version, attributes, 0);
        }
    }

    /**
     * One request's changes. A {@code CREATE} names every attribute; an update only those set or removed
     * since the load, and {@code maxInactiveChanged} says whether the interval is part of the change.
     *
     * @param maxInactiveInterval the session's interval (seconds) as this request sees it: the TTL to apply
     * @param attributes          attributes set, serialized
     * @param removed             attributes removed
     */
    record SessionWrite(long creationTime, long lastAccessedTime, int maxInactiveInterval, boolean maxInactiveChanged,
                        Map<String, byte[]> attributes, Set<String> removed) {

        public SessionWrite {
            attributes = Map.copyOf(attributes);
            removed = Set.copyOf(removed);
        }
    }
}
