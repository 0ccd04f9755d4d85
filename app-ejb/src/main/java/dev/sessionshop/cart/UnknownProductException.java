package dev.sessionshop.cart;

/** A product id that the catalog does not have. */
public final class UnknownProductException extends ShopException {

    public UnknownProductException(String productId) {
        super("There is no product with id '" + shorten(productId) + "'.");
    }

    private static String shorten(String id) {
        if (id == null) {
            return "";
        }
        return id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
