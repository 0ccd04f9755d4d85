package dev.sessionshop.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    @Test
    void sixteenLevelsAreRead() {
        assertEquals(1, JsonBodies.readObject(body(nested(JsonBodies.MAX_DEPTH))).size());
    }

    @Test
    void seventeenLevelsAreABadRequest() {
        String json = nested(JsonBodies.MAX_DEPTH + 1);
        BadJsonException refused = assertThrows(BadJsonException.class, () -> JsonBodies.readObject(body(json)));
        assertEquals("The request body is nested deeper than 16 levels.", refused.getMessage());
    }

    /** What the parser gave up on with a RuntimeException (a 500) from 1 000 levels on. */
    @ParameterizedTest
    @ValueSource(ints = {1_000, 2_048})
    void deeplyNestedArraysUnderTheSizeLimitAreABadRequest(int levels) {
        String json = "[".repeat(levels) + "]".repeat(levels);
        BadJsonException refused = assertThrows(BadJsonException.class, () -> JsonBodies.readObject(body(json)));
        assertEquals("The request body is nested deeper than 16 levels.", refused.getMessage());
    }

    @Test
    void threeThousandNineHundredNinetyNineArraysUnderFourKibAreABadRequest() {
        String json = "[".repeat(3_999);
        BadJsonException refused = assertThrows(BadJsonException.class, () -> JsonBodies.readObject(body(json)));
        assertEquals("The request body is nested deeper than 16 levels.", refused.getMessage());
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String json = "{\"productId\": \"" + "[{".repeat(100) + "\\\"" + "[".repeat(100) + "\", \"quantity\": 1}";
        assertEquals("[{".repeat(100) + "\"" + "[".repeat(100), JsonBodies.productId(JsonBodies.readObject(body(json))));
    }

    @Test
    void utf16BracketsAreCountedToo() {
        byte[] utf16 = nested(40).getBytes(StandardCharsets.UTF_16BE);
        assertThrows(BadJsonException.class, () -> JsonBodies.readObject(new ByteArrayInputStream(utf16)));
    }

    /** {"a":{"a":…{"a":1}…}} with the given number of objects. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{\"a\":1}" + "}".repeat(levels - 1);
    }

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
