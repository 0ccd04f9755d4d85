package dev.sessionshop.web.session;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Session ids given up at sign-in, copied to every instance of Payara's data grid ({@code clustering}).
 *
 * <p>Why: Payara's {@code changeSessionId()} renames the session only in the memory of the instance that
 * runs it. The data grid keeps the entry under the old id, and the instance that served the session last
 * keeps its own copy, which it trusts as long as the client's {@code JSESSIONIDVERSION} names that version
 * or an older one. Measured: after sign-in, a client holding the old cookies was served the pre-sign-in
 * session (cart included) by another instance. So sign-in also records the old id here, for as long as the
 * session could live, and {@link RevokedSessionFilter} ends any session still answering to it. Without a
 * grid (sticky, external) this does nothing: one instance's memory, or Redis' {@code RENAMENX}, already
 * retires the old id.
 *
 * <p>Why a Hazelcast {@code ReplicatedMap}: the filter asks on every request that carries a session cookie,
 * and a partitioned {@code IMap} answers from the key's owner, another instance two times in three. A
 * replicated map keeps every entry on every member, so {@code containsKey} reads this instance's memory and
 * sends nothing. Sign-in, the only writer, is rare; an id costs each instance a few dozen bytes until the
 * session it named could have expired.
 *
 * <p>The window this opens: the copy reaches the other instances asynchronously. {@link #revoke} returns
 * once this instance and the id's owner in the grid hold it; the owner sends it on to the third instance
 * without waiting, and until it arrives that instance still accepts the old id. RevokedSessionIdsTest
 * measures it over 300 sign-ins on three members and fails if any id takes longer than a second to reach
 * every member; on loopback it took 30 to 70 µs at the median, 12 to 94 ms at worst. The signed-in
 * client does not fall into it (its reply leaves only after Payara has written the renamed session to the
 * grid); someone already holding the old cookie who sends it in that moment does. A member that joins the
 * grid (a restarted instance) copies the map in the background and for that moment knows none of the ids
 * given up before; Payara Micro joins the grid before it deploys the shop.
 */
final class RevokedSessionIds {

    static final String MAP = "shop-revoked-session-ids";
    private static final Logger LOG = Logger.getLogger(RevokedSessionIds.class.getName());

    private RevokedSessionIds() {
    }

    /** Records {@code id} as given up, for {@code seconds} (the session's max inactive interval). */
    static void revoke(String id, int seconds) {
        DataGrid.instance().ifPresent(grid -> revoke(grid, id, seconds));
    }

    static boolean isRevoked(String id) {
        return DataGrid.instance().map(grid -> isRevoked(grid, id)).orElse(false);
    }

    static void revoke(HazelcastInstance grid, String id, int seconds) {
        map(grid).ifPresent(revoked -> revoked.put(id, Boolean.TRUE, seconds > 0 ? seconds : 24 * 3600, TimeUnit.SECONDS));
    }

    /** A read of this instance's copy: no network. */
    static boolean isRevoked(HazelcastInstance grid, String id) {
        return map(grid).map(revoked -> revoked.containsKey(id)).orElse(false);
    }

    private static Optional<ReplicatedMap<String, Boolean>> map(HazelcastInstance grid) {
        try {
            return Optional.of(grid.getReplicatedMap(MAP));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid is not available for revoked session ids", e);
            return Optional.empty();
        }
    }
}
