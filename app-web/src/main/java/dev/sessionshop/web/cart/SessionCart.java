package dev.sessionshop.web.cart;

import dev.sessionshop.cart.Cart;
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
 */
public final class SessionCart {

    static final String ATTRIBUTE = "shop.cart";
    /** The keys of the latest keyed changes ({@link AppliedChanges}), written in the same request as the cart. */
    static final String APPLIED_ATTRIBUTE = "shop.appliedChanges";
    private static final Logger LOG = Logger.getLogger(SessionCart.class.getName());
    /**
     * Read-change-write of one session's cart happens under one of these locks, chosen by the session id:
     * two requests of one session on this instance (a double click, parallel tabs) see each other's change
     * instead of the later one overwriting the earlier. It cannot help across instances: see lab 2.
     */
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
     * @param key null for a change without a key
     * @throws IdempotencyKeyException (422) when the key was used for another change
     */
    public static Updated update(HttpServletRequest request, IdempotencyKey key, UnaryOperator<Cart> change) {
        HttpSession session = ShopSession.getOrCreate(request);
        Cart changed;
        synchronized (LOCKS[Math.floorMod(session.getId().hashCode(), LOCKS.length)]) {
            AppliedChanges applied = key == null ? null : applied(session);
            if (key != null) {
                String earlier = applied.fingerprintOf(key.value());
                if (earlier != null && !earlier.equals(key.fingerprint())) {
                    throw new IdempotencyKeyException(422, "This " + IdempotencyKey.HEADER
                            + " was already used for another change of this cart; send a new key for a new change.");
                }
                if (earlier != null) {
                    LOG.fine(() -> "Change " + key.value() + " of session " + session.getId().substring(0, 8) + " was applied before");
                    return new Updated(of(session), true);
                }
            }
            changed = change.apply(of(session));
            session.setAttribute(ATTRIBUTE, changed);
            if (key != null) {
                // Before the response commits, like the cart: both reach the store in the same write.
                session.setAttribute(APPLIED_ATTRIBUTE, applied.with(key));
            }
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
