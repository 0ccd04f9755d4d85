package dev.sessionshop.session.redis;

import java.nio.charset.StandardCharsets;

/**
 * The layout of one session in Redis: a hash whose metadata fields hold decimal text (readable with
 * {@code redis-cli HGETALL}) and whose {@code attr:<name>} fields hold serialized attribute values.
 * The prefix keeps an attribute called "creationTime" from overwriting the metadata. A hash without
 * {@code creationTime} is no session (it can only be a fragment written by something else): the scripts
 * refuse to read or update it.
 */
final class SessionHash {

    static final String CREATION_TIME = "creationTime";
    static final String LAST_ACCESSED_TIME = "lastAccessedTime";
    static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";
    /** Incremented by every write (the write script); what a checked write compares. */
    static final String VERSION = "version";
    static final String ATTRIBUTE_PREFIX = "attr:";

    private SessionHash() {
    }

    static String attributeField(String attributeName) {
        return ATTRIBUTE_PREFIX + attributeName;
    }

    static boolean isAttributeField(String field) {
        return field.startsWith(ATTRIBUTE_PREFIX);
    }

    static String attributeName(String field) {
        return field.substring(ATTRIBUTE_PREFIX.length());
    }

    static byte[] number(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** The number in a metadata field, or {@code fallback} when missing or damaged. */
    static long number(byte[] value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
