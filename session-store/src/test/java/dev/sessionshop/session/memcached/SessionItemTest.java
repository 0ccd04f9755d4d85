package dev.sessionshop.session.memcached;

import dev.sessionshop.session.SessionBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SessionItemTest {

    private static final SessionBackend.StoredSession SESSION = new SessionBackend.StoredSession(1000, 2000, 1800, 3,
            Map.of("cart", "book".getBytes(StandardCharsets.UTF_8), "coupon", new byte[0]));

    @Test
    void anItemReadsBackAsTheSessionItWasMadeOf() {
        SessionBackend.StoredSession read = SessionItem.decode(SessionItem.encode(SESSION));

        assertEquals(SESSION.creationTime(), read.creationTime());
        assertEquals(SESSION.lastAccessedTime(), read.lastAccessedTime());
        assertEquals(SESSION.maxInactiveInterval(), read.maxInactiveInterval());
        assertEquals(SESSION.version(), read.version());
        assertArrayEquals("book".getBytes(StandardCharsets.UTF_8), read.attributes().get("cart"));
        assertEquals(Set.of("cart", "coupon"), read.attributes().keySet());
    }

    @Test
    void bytesThatAreNoItemAreNoSession() {
        byte[] item = SessionItem.encode(SESSION);
        assertNull(SessionItem.decode("not a session".getBytes(StandardCharsets.US_ASCII)));
        assertNull(SessionItem.decode(Arrays.copyOf(item, item.length - 1)), "cut short");
        assertNull(SessionItem.decode(Arrays.copyOf(item, item.length + 1)), "trailing bytes");
        assertNull(SessionItem.decode(new byte[0]));
    }

    @Test
    void aChangeKeepsTheAttributesItDoesNotNameAndIncrementsTheVersion() {
        SessionBackend.SessionWrite write = new SessionBackend.SessionWrite(0, 0, 60, false,
                Map.of("cart", "two books".getBytes(StandardCharsets.UTF_8)), Set.of("coupon"));

        SessionBackend.StoredSession merged = SessionItem.merged(SESSION, write, 5000);

        assertEquals(Set.of("cart"), merged.attributes().keySet());
        assertEquals(4, merged.version());
        assertEquals(1800, merged.maxInactiveInterval(), "the interval only when the write changed it");
        assertEquals(1000, merged.creationTime());
        assertEquals(5000, merged.lastAccessedTime());
    }
}
