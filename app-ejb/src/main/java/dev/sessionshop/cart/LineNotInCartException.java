package dev.sessionshop.cart;

/** A change to a cart line that the cart does not have. */
public final class LineNotInCartException extends ShopException {

    public LineNotInCartException(String productName) {
        super(productName + " is not in your cart.");
    }
}
