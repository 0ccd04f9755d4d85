package dev.sessionshop.web.api;

import dev.sessionshop.cart.InvalidQuantityException;
import dev.sessionshop.cart.Quantity;
import dev.sessionshop.web.json.JsonFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;

/** Reads request bodies: small JSON objects, with a clear message for each way they can be wrong. */
final class JsonBodies {

    /** Bodies are a product id and a quantity; anything near this size is not a cart request. */
    static final int MAX_BYTES = 4 * 1024;

    /**
     * The deepest nesting of objects and arrays a body may have; the shop's own bodies have one level. The
     * JSON-P parser (Parsson) builds nested values recursively and gives up at 1 000 levels with a bare
     * RuntimeException, by then some 3 000 stack frames deep: 4 KiB of brackets were a 500 and 75 KB of
     * stack trace in the log. The bytes are counted before the parser sees them.
     */
    static final int MAX_DEPTH = 16;

    private static final Logger LOG = Logger.getLogger(JsonBodies.class.getName());

    private JsonBodies() {
    }

    static JsonObject readObject(InputStream body) {
        byte[] bytes = readCapped(body);
        if (bytes.length == 0) {
            throw new BadJsonException("The request body is empty; send a JSON object.");
        }
        checkDepth(bytes);
        try (JsonReader reader = JsonFactory.reader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadJsonException("The request body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new BadJsonException("The request body is not valid JSON (at line "
                    + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ").");
        } catch (JsonException e) {
            throw new BadJsonException("The request body is not valid JSON.");
        }
    }

    static String productId(JsonObject json) {
        JsonValue value = json.get("productId");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new BadJsonException("A productId is required.");
        }
        if (!(value instanceof JsonString id) || id.getString().isBlank()) {
            throw new BadJsonException("The productId must be a non-empty string.");
        }
        return id.getString();
    }

    static int quantity(JsonObject json) {
        JsonValue value = json.get("quantity");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw InvalidQuantityException.missing();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw InvalidQuantityException.notAnInteger();
        }
        try {
            return Quantity.check(number.longValueExact());
        } catch (ArithmeticException beyondLong) {
            throw InvalidQuantityException.notAnInteger();
        }
    }

    /**
     * Counts brackets outside strings. The bytes of a bracket or a quote never occur inside another UTF-8
     * character, and in UTF-16 or UTF-32 they are the same byte next to zeros, so any encoding the parser
     * would accept is counted right.
     */
    static void checkDepth(byte[] bytes) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : bytes) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    LOG.info(() -> "Refused a JSON body nested deeper than " + MAX_DEPTH + " levels");
                    throw new BadJsonException("The request body is nested deeper than " + MAX_DEPTH + " levels.");
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }

    private static byte[] readCapped(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BadJsonException("The request body is larger than " + MAX_BYTES + " bytes.");
            }
            return bytes;
        } catch (IOException e) {
            throw new BadJsonException("The request body could not be read.");
        }
    }
}
