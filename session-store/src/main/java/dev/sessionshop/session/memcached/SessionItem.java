package dev.sessionshop.session.memcached;

import dev.sessionshop.session.SessionBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of one session in memcached: a single item (memcached has no hashes), so every write
 * rewrites it whole. A format byte, then creation time, last access, max inactive interval (seconds) and
 * version, then each attribute as its name and its serialized value. Anything that does not parse is no
 * session (a fragment or a value planted by something else): the store deletes it.
 */
final class SessionItem {

    private static final byte FORMAT = 1;

    private SessionItem() {
    }

    static byte[] encode(SessionBackend.StoredSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(session.creationTime());
            out.writeLong(session.lastAccessedTime());
            out.writeInt(session.maxInactiveInterval());
            out.writeLong(session.version());
            out.writeInt(session.attributes().size());
            for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
                out.writeUTF(attribute.getKey());
                out.writeInt(attribute.getValue().length);
                out.write(attribute.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The session in an item, or null when the bytes are not one. */
    static SessionBackend.StoredSession decode(byte[] item) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(item))) {
            if (in.readByte() != FORMAT) {
                return null;
            }
            long creationTime = in.readLong();
            long lastAccessedTime = in.readLong();
            int maxInactive = in.readInt();
            long version = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > item.length) {
                return null;
            }
            Map<String, byte[]> attributes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    return null;
                }
                attributes.put(name, in.readNBytes(length));
            }
            return in.available() == 0
                    ? new SessionBackend.StoredSession(creationTime, lastAccessedTime, maxInactive, version, attributes) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A new session, version 1, as a CREATE writes it. */
    static SessionBackend.StoredSession created(SessionBackend.SessionWrite write) {
        return new SessionBackend.StoredSession(write.creationTime(), write.lastAccessedTime(), write.maxInactiveInterval(), 1,
                write.attributes());
    }

    /**
     * The stored session with one request's changes applied: the attributes it set or removed (the others
     * as stored, so two requests that change different attributes both count), the interval if it changed
     * it, the version incremented, and the write's time as the last access (memcached's get-and-touch
     * cannot record a read's time without a second round trip).
     */
    static SessionBackend.StoredSession merged(SessionBackend.StoredSession stored, SessionBackend.SessionWrite write, long now) {
        Map<String, byte[]> attributes = new LinkedHashMap<>(stored.attributes());
        write.removed().forEach(attributes::remove);
        attributes.putAll(write.attributes());
        return new SessionBackend.StoredSession(stored.creationTime(), now,
                write.maxInactiveChanged() ? write.maxInactiveInterval() : stored.maxInactiveInterval(),
                stored.version() + 1, attributes);
    }
}
