package dev.sessionshop.web.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void nameIsTrimmed() {
        assertEquals("Ada", DisplayName.parse("  Ada \t"));
        assertEquals("Ada Lovelace", DisplayName.parse("Ada Lovelace"));
    }

    @Test
    void fortyCharactersAreEnoughCountedAsCharactersNotBytes() {
        assertEquals("x".repeat(40), DisplayName.parse("x".repeat(40)));
        assertEquals("😀".repeat(40), DisplayName.parse("😀".repeat(40)), "40 emoji are 80 chars in UTF-16");
        assertEquals("Zoë Ørsted-Łukasz", DisplayName.parse("Zoë Ørsted-Łukasz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void emptyIsRefused(String raw) {
        assertEquals("A display name is required. A display name is 1 to 40 printable characters.",
                assertThrows(DisplayName.InvalidDisplayNameException.class, () -> DisplayName.parse(raw)).getMessage());
    }

    @Test
    void missingIsRefused() {
        assertThrows(DisplayName.InvalidDisplayNameException.class, () -> DisplayName.parse(null));
    }

    @Test
    void fortyOneIsTooLong() {
        assertEquals("That display name is too long. A display name is 1 to 40 printable characters.",
                assertThrows(DisplayName.InvalidDisplayNameException.class,
                        () -> DisplayName.parse("x".repeat(41))).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\r\nSet-Cookie: x=y", "Ada\u0000", "Ada\u200Bhidden", "Ada\u202Eevil", "Ada\uD800",
            "Ada\u2028Lovelace", "Ada\u001B[31m", "Ada\uE000"})
    void unprintableCharactersAreRefused(String raw) {
        assertEquals("That display name contains characters that cannot be shown. "
                        + "A display name is 1 to 40 printable characters.",
                assertThrows(DisplayName.InvalidDisplayNameException.class, () -> DisplayName.parse(raw)).getMessage());
    }
}
