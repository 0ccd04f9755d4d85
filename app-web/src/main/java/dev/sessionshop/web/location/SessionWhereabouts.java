package dev.sessionshop.web.location;

import dev.sessionshop.session.SessionLocation;
import java.util.List;

/**
 * Where the caller's session is, as the answering instance can tell. Exactly one of the details is set,
 * by strategy and only when there is a session: {@code memory} (sticky: the instance holding it),
 * {@code grid} (clustering) or {@code redis} (external).
 *
 * @param summary     the answer in one or two plain sentences, shown on the page and in the JSON
 * @param gridMembers the data grid's members (clustering; empty otherwise), with or without a session
 */
public record SessionWhereabouts(String instance, String strategy, String sessionId, String summary,
                                 String memory, GridPlacement grid, SessionLocation.Redis redis,
                                 List<GridMember> gridMembers) {

    public boolean hasSession() {
        return sessionId != null;
    }

    /** The Redis key's time to live for people: "29 min 58 s", or "never expires". */
    public String redisTtl() {
        if (redis == null) {
            return "";
        }
        long seconds = redis.ttl().toSeconds();
        return seconds < 0 ? "never expires" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
