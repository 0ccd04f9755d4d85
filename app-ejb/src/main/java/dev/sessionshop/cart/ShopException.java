package dev.sessionshop.cart;

import jakarta.ejb.ApplicationException;

/**
 * A request the shop refuses, with a message fit to show the user. An application exception, so the
 * EJB container passes it through unwrapped and the web module can map each kind to its status.
 */
@ApplicationException(inherited = true)
public abstract class ShopException extends RuntimeException {

    protected ShopException(String message) {
        super(message);
    }
}
