package dev.sessionshop.web.cart;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The {@link IdempotencyKey}s of the session's latest keyed cart changes, with what each stood for. It is
 * stored beside the cart in the same request, so with every strategy the two reach the session store in
 * one write: the key is there exactly when the change is. Immutable.
 *
 * <p>The replay window is the newest {@link #KEPT} keyed changes of the session: a retry comes within
 * seconds (nginx's, or a client's), so an older key is forgotten and would be applied as a new change.
 * Compact, because the external stores read every attribute's bytes on every request: each change is kept
 * as a 72-bit digest of its key and a 48-bit digest of the change, 20 characters of one {@code String},
 * about 420 bytes serialized for 16 changes where a map of the keys took 956. Two different keys share a
 * digest with a chance of 2<sup>-72</sup>; a key reused for another change is still told apart unless the
 * two changes share a 48-bit digest.
 */
final class AppliedChanges implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;
    static final int KEPT = 16;
    static final AppliedChanges NONE = new AppliedChanges("");
    private static final int KEY_BYTES = 9;
    private static final int CHANGE_BYTES = 6;
    /** Base64 without padding: 4 characters per 3 bytes. */
    private static final int KEY_CHARS = KEY_BYTES / 3 * 4;
    private static final int ENTRY_CHARS = KEY_CHARS + CHANGE_BYTES / 3 * 4;

    /** What a session knows of a key. */
    enum Seen {
        /** Not among the kept keys: apply the change. */
        NEW,
        /** Applied before, for the same change: answer with the cart as it is. */
        SAME_CHANGE,
        /** Applied before for another change: refuse. */
        OTHER_CHANGE
    }

    /** One entry per change, oldest first: the key's digest, then the change's. */
    private final String entries;

    private AppliedChanges(String entries) {
        this.entries = entries;
    }

    Seen seen(IdempotencyKey key) {
        String keyDigest = digest(key.value(), KEY_BYTES);
        for (int at = 0; at < entries.length(); at += ENTRY_CHARS) {
            if (entries.startsWith(keyDigest, at)) {
                return entries.startsWith(digest(key.fingerprint(), CHANGE_BYTES), at + KEY_CHARS)
                        ? Seen.SAME_CHANGE : Seen.OTHER_CHANGE;
            }
        }
        return Seen.NEW;
    }

    /** These changes and {@code key}'s (a key not {@link Seen#NEW} is the caller's mistake), the oldest dropped past {@link #KEPT}. */
    AppliedChanges with(IdempotencyKey key) {
        String next = entries + digest(key.value(), KEY_BYTES) + digest(key.fingerprint(), CHANGE_BYTES);
        int dropped = Math.max(0, next.length() / ENTRY_CHARS - KEPT);
        return new AppliedChanges(next.substring(dropped * ENTRY_CHARS));
    }

    int size() {
        return entries.length() / ENTRY_CHARS;
    }

    /** A value of another shape is damaged or planted: refused, like any value the store cannot trust. */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (entries == null || entries.length() % ENTRY_CHARS != 0 || entries.length() > KEPT * ENTRY_CHARS) {
            throw new InvalidObjectException("not a list of applied changes");
        }
    }

    private static String digest(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AppliedChanges[" + size() + " kept]";
    }
}
