package dev.sessionshop.web.cart;

import dev.sessionshop.cart.ShopException;

/**
 * A cart change that could not be stored: other requests of the same session kept changing the cart in
 * between (the store's version moved every time), or the session ended while the change was being made.
 * Nothing was changed; the status is 409, and the client may send the change again.
 */
public final class CartChangeConflictException extends ShopException {

    private static final long serialVersionUID = 1L;

    CartChangeConflictException(String message) {
        super(message);
    }
}
