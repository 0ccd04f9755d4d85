package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerSessionIdsTest {

    @Test
    void idIs256RandomBitsIn43Base64UrlCharacters() {
        String id = ContainerSessionIds.newId();
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
        assertEquals(32, Base64.getUrlDecoder().decode(id).length, "32 bytes = 256 bits >= 128");
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(ContainerSessionIds.newId()));
        }
    }
}
