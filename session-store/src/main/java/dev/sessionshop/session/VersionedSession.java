package dev.sessionshop.session;

import jakarta.servlet.http.HttpSession;

/**
 * A session whose store keeps a version: every write increments it, and {@link #saveIfCurrent()} writes only
 * when the stored version is still the one this request read (optimistic concurrency). Two requests of one
 * session that both read, change and write the same attribute then cannot silently overwrite each other: the
 * second learns of the first and can re-apply its change to the newer value.
 *
 * <p>A plain end-of-request save does not check the version (last writer wins per attribute); only the
 * caller of {@code saveIfCurrent} opts in.
 */
public interface VersionedSession extends HttpSession {

    /**
     * Writes this request's unsaved changes now, provided nobody wrote the session since this request read it
     * (or last saved it).
     *
     * <ul>
     *   <li>{@link Outcome#SAVED}: written (or there was nothing to write);</li>
     *   <li>{@link Outcome#CONFLICT}: another request wrote it first. Nothing was written; this object now holds
     *       the stored state and version, and this request's unsaved changes are dropped, so the caller can
     *       apply its change again to what is there now and call this again;</li>
     *   <li>{@link Outcome#GONE}: the session was invalidated, renamed or expired meanwhile. Nothing was
     *       written and this session is invalid from now on.</li>
     * </ul>
     *
     * @throws IllegalStateException if the session is already invalid
     */
    Outcome saveIfCurrent();

    /** What {@link #saveIfCurrent()} did. */
    enum Outcome {
        SAVED, CONFLICT, GONE
    }
}
