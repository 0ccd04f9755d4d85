package dev.sessionshop.cart;

/** The rule for quantities, shared by the cart service and the parsers of the web module. */
public final class Quantity {

    public static final int MIN = 1;
    public static final int MAX = 99;

    private Quantity() {
    }

    /** Parses a quantity typed into a form or sent as a JSON string; only whole numbers 1–99 pass. */
    public static int parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidQuantityException.missing();
        }
        String trimmed = raw.trim();
        if (!trimmed.matches("[+-]?\\d{1,9}")) {
            throw InvalidQuantityException.notAWholeNumber(trimmed);
        }
        return check(Integer.parseInt(trimmed));
    }

    public static int check(long quantity) {
        if (quantity < MIN || quantity > MAX) {
            throw InvalidQuantityException.outOfRange(quantity);
        }
        return (int) quantity;
    }
}
