package dev.sessionshop.web.cart;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * The {@link IdempotencyKey}s of the session's latest keyed cart changes, with what each stood for. It is
 * stored beside the cart in the same request, so with every strategy the two reach the session store in
 * one write: the key is there exactly when the change is. Immutable; only the newest {@link #KEPT} are
 * kept, which covers a retry (it comes within seconds) without letting the session grow.
 */
final class AppliedChanges implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final int KEPT = 16;
    static final AppliedChanges NONE = new AppliedChanges(new LinkedHashMap<>());

    /** Key → fingerprint, oldest first. */
    private final LinkedHashMap<String, String> fingerprints;

    private AppliedChanges(LinkedHashMap<String, String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** What the key stood for, or null when this session has not seen it (or has forgotten it). */
    String fingerprintOf(String key) {
        return fingerprints.get(key);
    }

    AppliedChanges with(IdempotencyKey key) {
        LinkedHashMap<String, String> next = new LinkedHashMap<>(fingerprints);
        next.put(key.value(), key.fingerprint());
        var oldest = next.entrySet().iterator();
        while (next.size() > KEPT) {
            oldest.next();
            oldest.remove();
        }
        return new AppliedChanges(next);
    }

    @Override
    public String toString() {
        return "AppliedChanges" + fingerprints.keySet();
    }
}
