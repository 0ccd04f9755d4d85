package dev.sessionshop.web.location;

import dev.sessionshop.session.SessionLocation;
import java.util.List;

/**
 * Where the caller's session is, as the answering instance can tell. Exactly one of the details is set,
 * by strategy and only when there is a session: {@code memory} (sticky: the instance holding it),
 * {@code grid} (clustering) or {@code store} (external: Redis; external-memcached: memcached).
 *
 * @param summary     the answer in one or two plain sentences, shown on the page and in the JSON
 * @param gridMembers the data grid's members (clustering; empty otherwise), with or without a session
 */
public record SessionWhereabouts(String instance, String strategy, String sessionId, String summary,
                                 String memory, GridPlacement grid, SessionLocation store,
                                 List<GridMember> gridMembers) {

    public boolean hasSession() {
        return sessionId != null;
    }

    /** The session in Redis ({@code external}), or null. */
    public SessionLocation.Redis redis() {
        return store == null ? null : store.match(redis -> redis, memcached -> null);
    }

    /** The session in memcached ({@code external-memcached}), or null. */
    public SessionLocation.Memcached memcached() {
        return store == null ? null : store.match(redis -> null, memcached -> memcached);
    }

    /** The store's time to live for people: "29 min 58 s", or "never expires". */
    public String storeTtl() {
        if (store == null) {
            return "";
        }
        long seconds = store.ttl().toSeconds();
        return seconds < 0 ? "never expires" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
