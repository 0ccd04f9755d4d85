package dev.sessionshop.web.session;

import com.hazelcast.map.IMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Session ids given up at sign-in, shared by all instances over Payara's data grid ({@code clustering}).
 *
 * <p>Why: Payara's {@code changeSessionId()} renames the session only in the memory of the instance that
 * runs it. The data grid keeps the entry under the old id, and the instance that served the session last
 * keeps its own copy, which it trusts as long as the client's {@code JSESSIONIDVERSION} names that version
 * or an older one. Measured: after sign-in, a client holding the old cookies was served the pre-sign-in
 * session (cart included) by another instance. So sign-in also records the old id here, for as long as the
 * session could live, and {@link RevokedSessionFilter} ends any session still answering to it. Without a
 * grid (sticky, external) this does nothing: one instance's memory, or Redis' {@code RENAMENX}, already
 * retires the old id.
 */
final class RevokedSessionIds {

    static final String MAP = "shop-revoked-session-ids";
    private static final Logger LOG = Logger.getLogger(RevokedSessionIds.class.getName());

    private RevokedSessionIds() {
    }

    /** Records {@code id} as given up, for {@code seconds} (the session's max inactive interval). */
    static void revoke(String id, int seconds) {
        map().ifPresent(revoked -> revoked.set(id, Boolean.TRUE, seconds > 0 ? seconds : 24 * 3600, TimeUnit.SECONDS));
    }

    static boolean isRevoked(String id) {
        return map().map(revoked -> revoked.containsKey(id)).orElse(false);
    }

    private static Optional<IMap<String, Boolean>> map() {
        try {
            return DataGrid.instance().map(hazelcast -> hazelcast.getMap(MAP));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid is not available for revoked session ids", e);
            return Optional.empty();
        }
    }
}
