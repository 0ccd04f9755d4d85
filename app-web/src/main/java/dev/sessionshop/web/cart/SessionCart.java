package dev.sessionshop.web.cart;

import dev.sessionshop.cart.Cart;
import dev.sessionshop.session.VersionedSession;
import dev.sessionshop.web.session.ShopSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The only code that reads or writes the cart attribute. Every change is stored back with
 * {@code setAttribute}: the Redis store saves only attributes that were set, and Payara's data grid (scope
 * {@code modified-session}) promises the same, so a cart changed in place would change on one instance
 * only. (Payara 6.2025.10 happens to write every session it served; lab 1 shows both.)
 *
 * <p>Two requests of one session that change the cart at once (a double click, two tabs, a retry):
 * <ul>
 *   <li>on one instance they take turns under a lock chosen by the session id, so the second sees the
 *       first one's cart - enough for a session in this instance's memory ({@code sticky});</li>
 *   <li>with a store that keeps a version ({@link VersionedSession}, the {@code external} strategy) the
 *       change is written at once, only if nobody wrote the session since this request read it; otherwise
 *       the request re-reads the cart and applies its change again (at most {@value #ATTEMPTS} times, then a
 *       409). No addition is lost, on one instance or on three;</li>
 *   <li>Payara's data grid ({@code clustering}) offers no such check: a request on another instance that
 *       read the session earlier overwrites the cart when it ends (lab 2 shows it).</li>
 * </ul>
 */
public final class SessionCart {

    static final String ATTRIBUTE = "shop.cart";
    /** The keys of the latest keyed changes ({@link AppliedChanges}), written in the same request as the cart. */
    static final String APPLIED_ATTRIBUTE = "shop.appliedChanges";
    /** Tries of one change against a store that keeps a version, before the client gets a 409. */
    static final int ATTEMPTS = 16;
    private static final Logger LOG = Logger.getLogger(SessionCart.class.getName());
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private SessionCart() {
    }

    /** The client's cart; an empty one if it has no session yet (reading does not create a session). */
    public static Cart current(HttpServletRequest request) {
        return of(ShopSession.existing(request));
    }

    public static Cart of(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Cart cart ? cart : Cart.empty();
    }

    /**
     * Applies a change to the client's cart and stores the result. The change may throw (bad input): then
     * nothing is stored and the cart stays as it was.
     */
    public static Cart update(HttpServletRequest request, UnaryOperator<Cart> change) {
        return update(request, null, change).cart();
    }

    /**
     * As {@link #update(HttpServletRequest, UnaryOperator)}, but a change that carries a key is applied at
     * most once per key: when the session already holds the key, the cart is returned as it is
     * ({@link Updated#replayed()}), and a key that stood for another change is refused.
     *
     * <p>A client without a session gets one only when the change succeeds and changes something: a
     * refused change (an unknown product, a line not in the cart) or emptying an empty cart leaves no
     * session behind, and so no entry in the session store.
     *
     * @param key null for a change without a key
     * @throws IdempotencyKeyException     (422) when the key was used for another change
     * @throws CartChangeConflictException (409) when the change could not be stored
     */
    public static Updated update(HttpServletRequest request, IdempotencyKey key, UnaryOperator<Cart> change) {
        HttpSession session = ShopSession.existing(request);
        if (session == null) {
            Cart changed = change.apply(Cart.empty());
            if (key == null && changed.equals(Cart.empty())) {
                return new Updated(changed, false);
            }
            session = ShopSession.getOrCreate(request);
        }
        synchronized (LOCKS[Math.floorMod(session.getId().hashCode(), LOCKS.length)]) {
            for (int attempt = 1; ; attempt++) {
                Updated updated = apply(session, key, change);
                if (updated.replayed() || !(session instanceof VersionedSession versioned)) {
                    return updated;
                }
                switch (versioned.saveIfCurrent()) {
                    case SAVED -> {
                        return updated;
                    }
                    case GONE -> throw new CartChangeConflictException(
                            "Your session ended while this change was being made (signed out in another tab?), "
                                    + "so nothing was changed. Reload the page and try again.");
                    case CONFLICT -> {
                        if (attempt == ATTEMPTS) {
                            LOG.info(() -> "Cart change gave up after " + ATTEMPTS + " conflicts");
                            throw new CartChangeConflictException("Your cart kept changing in other requests while "
                                    + "this change was being made, so nothing was changed. Please try again.");
                        }
                        LOG.fine(() -> "Cart of a session changed meanwhile; applying the change again");
                    }
                }
            }
        }
    }

    /** One read-change-set of the cart (and the change's key) on the session as it is now. */
    private static Updated apply(HttpSession session, IdempotencyKey key, UnaryOperator<Cart> change) {
        AppliedChanges applied = key == null ? null : applied(session);
        if (key != null) {
            AppliedChanges.Seen seen = applied.seen(key);
            if (seen == AppliedChanges.Seen.OTHER_CHANGE) {
                throw new IdempotencyKeyException(422, "This " + IdempotencyKey.HEADER
                        + " was already used for another change of this cart; send a new key for a new change.");
            }
            if (seen == AppliedChanges.Seen.SAME_CHANGE) {
                LOG.fine(() -> "Change " + key.value() + " of session " + session.getId().substring(0, 8) + " was applied before");
                return new Updated(of(session), true);
            }
        }
        Cart changed = change.apply(of(session));
        session.setAttribute(ATTRIBUTE, changed);
        if (key != null) {
            // Before the response commits, like the cart: both reach the store in the same write.
            session.setAttribute(APPLIED_ATTRIBUTE, applied.with(key));
        }
        LOG.fine(() -> "Cart of session " + session.getId().substring(0, 8) + " is now " + changed);
        return new Updated(changed, false);
    }

    private static AppliedChanges applied(HttpSession session) {
        return session.getAttribute(APPLIED_ATTRIBUTE) instanceof AppliedChanges applied ? applied : AppliedChanges.NONE;
    }

    /**
     * @param cart     the cart after the request
     * @param replayed true when the request's key had been applied before, so nothing changed now
     */
    public record Updated(Cart cart, boolean replayed) {
    }
}
