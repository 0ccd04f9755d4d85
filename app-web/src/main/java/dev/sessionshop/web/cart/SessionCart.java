package dev.sessionshop.web.cart;

import dev.sessionshop.cart.Cart;
import dev.sessionshop.web.session.ShopSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The only code that reads or writes the cart attribute. Every change is stored back with
 * {@code setAttribute}: Payara's data grid (scope {@code modified-session}) and the Redis store replicate
 * a session only when an attribute is set, so a cart changed in place would change on one instance only.
 */
public final class SessionCart {

    static final String ATTRIBUTE = "shop.cart";
    private static final Logger LOG = Logger.getLogger(SessionCart.class.getName());

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
        HttpSession session = ShopSession.getOrCreate(request);
        Cart changed = change.apply(of(session));
        session.setAttribute(ATTRIBUTE, changed);
        LOG.fine(() -> "Cart of session " + session.getId().substring(0, 8) + " is now " + changed);
        return changed;
    }
}
