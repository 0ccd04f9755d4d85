package dev.sessionshop.session;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdsTest {

    @Test
    void newIdIs43Base64UrlCharsCarrying256RandomBits() {
        String id = SessionIds.newId();
        assertEquals(43, id.length());
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
        assertEquals(32, Base64.getUrlDecoder().decode(id).length, "32 bytes = 256 bits >= 128 bits");
    }

    @Test
    void idsComeFromSecureRandom() throws Exception {
        java.lang.reflect.Field source = SessionIds.class.getDeclaredField("RANDOM");
        assertEquals(java.security.SecureRandom.class, source.getType(), "a predictable generator would make ids guessable");
        assertTrue(java.lang.reflect.Modifier.isStatic(source.getModifiers()));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(SessionIds.newId()));
        }
    }

    @Test
    void newIdsAreWellFormed() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(SessionIds.isWellFormed(SessionIds.newId()));
        }
    }

    @Test
    void malformedIdsAreRejected() {
        String good = SessionIds.newId();
        assertFalse(SessionIds.isWellFormed(null));
        assertFalse(SessionIds.isWellFormed(""));
        assertFalse(SessionIds.isWellFormed(good.substring(1)), "too short");
        assertFalse(SessionIds.isWellFormed(good + "A"), "too long");
        assertFalse(SessionIds.isWellFormed("x".repeat(10_000)), "overlong");
        assertFalse(SessionIds.isWellFormed(good.substring(1) + "="), "padding");
        assertFalse(SessionIds.isWellFormed(good.substring(1) + "+"), "base64 (not url) alphabet");
        assertFalse(SessionIds.isWellFormed(good.substring(2) + "\r\n"), "header injection");
        assertFalse(SessionIds.isWellFormed(good.substring(1) + "*"), "redis glob char");
        assertFalse(SessionIds.isWellFormed("ABCDEF0123456789ABCDEF0123"), "container JSESSIONID shape");
    }

    @Test
    void logFormShowsOnlyAPrefix() {
        String id = SessionIds.newId();
        assertEquals(id.substring(0, 6) + "…", SessionIds.forLog(id));
    }
}
