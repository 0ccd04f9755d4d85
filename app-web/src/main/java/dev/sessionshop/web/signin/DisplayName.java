package dev.sessionshop.web.signin;

/**
 * The one rule for display names: trimmed, 1 to {@value #MAX_LENGTH} characters, all printable (no
 * control, format or unassigned characters, no lone surrogates), so that what the panel shows is what
 * the shopper typed and nothing can hide in it.
 */
public final class DisplayName {

    public static final int MAX_LENGTH = 40;
    public static final String RULE = "A display name is 1 to " + MAX_LENGTH + " printable characters.";

    private DisplayName() {
    }

    /**
     * @return the trimmed name
     * @throws InvalidDisplayNameException with a message for the shopper
     */
    public static String parse(String raw) {
        if (raw == null || raw.strip().isEmpty()) {
            throw new InvalidDisplayNameException("A display name is required. " + RULE);
        }
        String name = raw.strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidDisplayNameException("That display name is too long. " + RULE);
        }
        if (!name.codePoints().allMatch(DisplayName::printable)) {
            throw new InvalidDisplayNameException("That display name contains characters that cannot be shown. " + RULE);
        }
        return name;
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** A display name that breaks the rule; the message is safe to show. */
    public static final class InvalidDisplayNameException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidDisplayNameException(String message) {
            super(message, null, false, false);
        }
    }
}
