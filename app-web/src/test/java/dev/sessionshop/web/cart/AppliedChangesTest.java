package dev.sessionshop.web.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppliedChangesTest {

    private static IdempotencyKey key(String value, String change) {
        return IdempotencyKey.parse(value, change);
    }

    @Test
    void aKeyIsKnownForItsOwnChangeAndToldApartFromAnother() {
        AppliedChanges applied = AppliedChanges.NONE.with(key("k1", "add kettle 1"));

        assertEquals(AppliedChanges.Seen.SAME_CHANGE, applied.seen(key("k1", "add kettle 1")));
        assertEquals(AppliedChanges.Seen.OTHER_CHANGE, applied.seen(key("k1", "add teapot 1")));
        assertEquals(AppliedChanges.Seen.NEW, applied.seen(key("k2", "add kettle 1")));
        assertEquals(AppliedChanges.Seen.NEW, AppliedChanges.NONE.seen(key("k1", "add kettle 1")));
    }

    @Test
    void onlyTheNewestKeptChangesAreRememberedTheOldestIsForgotten() {
        AppliedChanges applied = AppliedChanges.NONE;
        for (int i = 0; i <= AppliedChanges.KEPT; i++) {
            applied = applied.with(key("k" + i, "add kettle " + i));
        }

        assertEquals(AppliedChanges.KEPT, applied.size());
        assertEquals(AppliedChanges.Seen.NEW, applied.seen(key("k0", "add kettle 0")), "the oldest, forgotten");
        for (int i = 1; i <= AppliedChanges.KEPT; i++) {
            assertEquals(AppliedChanges.Seen.SAME_CHANGE, applied.seen(key("k" + i, "add kettle " + i)), "k" + i);
        }
    }

    @Test
    void sixteenChangesSerializeToLessThanHalfWhatAMapOfTheirKeysTakes() throws IOException, ClassNotFoundException {
        AppliedChanges applied = AppliedChanges.NONE;
        LinkedHashMap<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < AppliedChanges.KEPT; i++) {
            String value = UUID.randomUUID().toString();
            applied = applied.with(key(value, "add product-" + i + " 1"));
            keys.put(value, "add product-" + i + " 1");
        }

        byte[] compact = serialize(applied);
        byte[] map = serialize(keys);

        assertTrue(compact.length < map.length / 2, compact.length + " bytes against " + map.length);
        AppliedChanges back = (AppliedChanges) deserialize(compact);
        keys.forEach((value, change) -> assertEquals(AppliedChanges.Seen.SAME_CHANGE, back.seen(key(value, change))));
    }

    @Test
    void aValueOfAnotherShapeIsRefusedWhenRead() throws Exception {
        Constructor<AppliedChanges> constructor = AppliedChanges.class.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        byte[] damaged = serialize(constructor.newInstance("not twenty characters"));

        assertThrows(InvalidObjectException.class, () -> deserialize(damaged));
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
