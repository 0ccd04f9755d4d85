package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionBackend;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** Requests that read the session, counted by the read script; a new session starts at 1. */
    static final String REQUESTS = "requests";
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

    /**
     * The session in a hash the read script returned. A damaged metadata field falls back: last access to
     * now, creation to the last access, the interval to the default, the version to 0.
     */
    static SessionBackend.StoredSession toSession(Map<String, byte[]> hash, int defaultMaxInactive, long requestCount) {
        long lastAccessedTime = number(hash.get(LAST_ACCESSED_TIME), System.currentTimeMillis());
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        hash.forEach((field, value) -> {
            if (isAttributeField(field)) {
                attributes.put(attributeName(field), value);
            }
        });
        return new SessionBackend.StoredSession(number(hash.get(CREATION_TIME), lastAccessedTime), lastAccessedTime,
                (int) number(hash.get(MAX_INACTIVE_INTERVAL), defaultMaxInactive), number(hash.get(VERSION), 0), attributes,
                requestCount);
    }

    /** The fields a write sets: for a new session its metadata and every attribute, else what changed. */
    static Map<String, byte[]> fields(SessionBackend.WriteMode mode, SessionBackend.SessionWrite write) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        if (mode == SessionBackend.WriteMode.CREATE) {
            fields.put(CREATION_TIME, number(write.creationTime()));
            fields.put(LAST_ACCESSED_TIME, number(write.lastAccessedTime()));
            fields.put(MAX_INACTIVE_INTERVAL, number(write.maxInactiveInterval()));
            fields.put(REQUESTS, number(1));
        } else if (write.maxInactiveChanged()) {
            fields.put(MAX_INACTIVE_INTERVAL, number(write.maxInactiveInterval()));
        }
        write.attributes().forEach((name, value) -> fields.put(attributeField(name), value));
        return fields;
    }
}
