package dev.sessionshop.session;

import evil.Gadget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class AttributeSerializerTest {

    /** A class of the application (allowed by dev.sessionshop.**). */
    public record CartLine(String sku, int quantity, BigDecimal price) implements Serializable {
    }

    private final AttributeSerializer serializer = new AttributeSerializer(new TestSettings()
            .allowedClasses("dev.sessionshop.**", "java.lang.*", "java.util.*", "java.time.*", "java.math.*")
            .deserializationLimits(10, 1000, 64 * 1024)
            .build());

    @BeforeEach
    void resetGadget() {
        Gadget.executed = false;
    }

    @Test
    void filterIsTheAllowListClosedByRejectAll() {
        assertEquals("maxdepth=10;maxrefs=1000;maxbytes=65536;maxarray=10000;"
                + "dev.sessionshop.**;java.lang.*;java.util.*;java.time.*;java.math.*;!*", serializer.filterSpec());
    }

    @Test
    void allowListedValuesRoundTrip() {
        List<Object> value = new ArrayList<>(List.of("text", 42, 7L, Instant.ofEpochSecond(1),
                new CartLine("BOOK-1", 2, new BigDecimal("9.90")), new HashMap<>(Map.of("k", "v")),
                new int[]{1, 2, 3}));
        Object back = serializer.deserialize("cart", serializer.serialize("cart", value));
        List<?> list = (List<?>) back;
        assertEquals(value.subList(0, 6), list.subList(0, 6));
        assertArrayEquals(new int[]{1, 2, 3}, (int[]) list.get(6));
    }

    @Test
    void classOutsideTheListIsRejectedWithoutRunningItsReadObject() throws IOException {
        byte[] planted = javaSerialize(new Gadget());
        var e = assertThrows(AttributeSerializer.RejectedAttributeException.class,
                () -> serializer.deserialize("cart", planted));
        assertFalse(Gadget.executed, "the gadget's readObject must never run");
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
    }

    @Test
    void subPackageOfAnAllowedPackageIsNotAllowed() throws IOException {
        // java.util.* allows java.util.HashMap, not java.util.concurrent.ConcurrentHashMap.
        assertThrows(AttributeSerializer.RejectedAttributeException.class,
                () -> serializer.deserialize("x", javaSerialize(new ConcurrentHashMap<>(Map.of("a", 1)))));
        assertThrows(AttributeSerializer.RejectedAttributeException.class,
                () -> serializer.deserialize("x", javaSerialize(new AtomicInteger(1))));
    }

    @Test
    void gadgetNestedInAnAllowedCollectionIsRejected() throws IOException {
        byte[] planted = javaSerialize(new ArrayList<>(List.of("harmless", new Gadget())));
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", planted));
        assertFalse(Gadget.executed);
    }

    @Test
    void corruptedBlobIsRejected() throws IOException {
        byte[] blob = javaSerialize(new ArrayList<>(List.of("a", "b")));
        byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - 5);
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", truncated));
        byte[] badTypeCode = blob.clone();
        badTypeCode[4] = 0x01; // the first type code after the stream header
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", badTypeCode));
        assertThrows(AttributeSerializer.RejectedAttributeException.class,
                () -> serializer.deserialize("x", "not java serialization".getBytes()));
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", new byte[0]));
    }

    @Test
    void tooDeepGraphIsRejected() throws IOException {
        LinkedList<Object> deep = new LinkedList<>();
        Object current = deep;
        for (int i = 0; i < 50; i++) {
            List<Object> next = new ArrayList<>();
            ((List<Object>) current).add(next);
            current = next;
        }
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", javaSerialize(deep)));
    }

    @Test
    void tooLargeBlobIsRejectedBeforeReading() throws IOException {
        byte[] large = javaSerialize("x".repeat(100_000));
        var e = assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", large));
        assertTrue(e.getMessage().contains("larger than"));
    }

    @Test
    void rejectionMessageNeverCarriesThePayload() throws IOException {
        byte[] blob = javaSerialize(new ArrayList<>(List.of("SECRET-PAYLOAD", new Gadget())));
        var e = assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", blob));
        assertFalse(e.getMessage().contains("SECRET-PAYLOAD"));
        assertEquals(0, e.getStackTrace().length, "no stack trace to leak into a page or log");
    }

    @Test
    void nonSerializableValueIsRefusedWhenWritten() {
        Object notSerializable = new Object();
        assertThrows(IllegalArgumentException.class, () -> serializer.serialize("x", notSerializable));
        List<Object> nested = new ArrayList<>(List.of(notSerializable));
        assertThrows(IllegalArgumentException.class, () -> serializer.serialize("x", nested));
    }

    /** A class of the application whose version a rolling deploy may change. */
    static final class Line implements Serializable {
        private static final long serialVersionUID = 1L;
        String sku = "BOOK-1";
    }

    @Test
    void plantedArrayLengthIsRejectedBeforeTheArrayIsAllocated() throws IOException {
        // given: a tiny value whose inner array claims a million longs (8 MB), under the byte limit
        AttributeSerializer defaults = new AttributeSerializer(new TestSettings().build());
        byte[] planted = javaSerialize(new long[][]{{0x1122334455667788L}});
        int lengthAt = planted.length - 8 - 4;
        java.nio.ByteBuffer.wrap(planted, lengthAt, 4).putInt(1_000_000);
        assertTrue(planted.length < 300, "a small value: " + planted.length);

        // when
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        var e = assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> defaults.deserialize("x", planted));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then: refused by the element limit, having allocated nothing like 8 MB
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void valueOfAnAllowedClassThisApplicationLacksIsMissingNotRejected() throws IOException {
        byte[] fromNewerVersion = rename(javaSerialize(new CartLine("BOOK-1", 1, BigDecimal.ONE)), "CartLine", "CartLinX");
        var e = assertThrows(AttributeSerializer.MissingClassException.class, () -> serializer.deserialize("cart", fromNewerVersion));
        assertTrue(e.getMessage().contains("CartLinX"), e.getMessage());
    }

    @Test
    void valueOfAnAllowedClassWithAnotherSerialVersionUidIsMissingNotRejected() throws IOException {
        byte[] bytes = javaSerialize(new Line());
        String name = Line.class.getName();
        int uidAt = indexOf(bytes, name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + name.length();
        java.nio.ByteBuffer.wrap(bytes, uidAt, 8).putLong(2L);
        assertThrows(AttributeSerializer.MissingClassException.class, () -> serializer.deserialize("line", bytes));
    }

    @Test
    void unknownClassOutsideTheAllowListIsRejected() throws IOException {
        byte[] planted = rename(javaSerialize(new Gadget()), "evil.Gadget", "evil.Gadgex");
        assertThrows(AttributeSerializer.RejectedAttributeException.class, () -> serializer.deserialize("x", planted));
        assertFalse(Gadget.executed);
    }

    @Test
    void allowListNamesFollowObjectInputFilterPatterns() {
        assertTrue(serializer.allowed("dev.sessionshop.cart.Cart"), "** takes sub-packages");
        assertTrue(serializer.allowed("java.util.ArrayList"));
        assertFalse(serializer.allowed("java.util.concurrent.ConcurrentHashMap"), "* is one package");
        assertFalse(serializer.allowed("dev.sessionshopx.Evil"));
        assertFalse(serializer.allowed("evil.Gadget"));
    }

    private static byte[] rename(byte[] stream, String from, String to) {
        byte[] fromBytes = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] toBytes = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(fromBytes.length, toBytes.length, "same length keeps the stream valid");
        byte[] copy = stream.clone();
        int at = indexOf(copy, fromBytes);
        System.arraycopy(toBytes, 0, copy, at, toBytes.length);
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found in the stream");
    }

    /** What a stored value holds, read back without the allow-list: for tests that inspect the store. */
    public static Object javaDeserialize(byte[] bytes) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] javaSerialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
