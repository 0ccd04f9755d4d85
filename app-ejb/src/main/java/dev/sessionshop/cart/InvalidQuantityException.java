package dev.sessionshop.cart;

/** A quantity that is missing, not a whole number, or outside 1–99. */
public final class InvalidQuantityException extends ShopException {

    private InvalidQuantityException(String message) {
        super(message);
    }

    public static InvalidQuantityException missing() {
        return new InvalidQuantityException("A quantity is required: a whole number from 1 to 99.");
    }

    static InvalidQuantityException notAWholeNumber(String raw) {
        return new InvalidQuantityException("Quantity '" + abbreviate(raw)
                + "' is not a whole number; use a number from 1 to 99.");
    }

    static InvalidQuantityException outOfRange(long quantity) {
        return new InvalidQuantityException("Quantity " + quantity + " is out of range; use a number from 1 to 99.");
    }

    static InvalidQuantityException lineTooLarge(String productName, int total) {
        return new InvalidQuantityException("That would make " + total + " of " + productName
                + "; a cart line holds at most " + Quantity.MAX + ".");
    }

    /** For the JSON API, where the type of the value is already wrong (a boolean, an object, 2.5…). */
    public static InvalidQuantityException notAnInteger() {
        return new InvalidQuantityException("The quantity must be a whole number from 1 to 99.");
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 20 ? raw : raw.substring(0, 20) + "…";
    }
}
