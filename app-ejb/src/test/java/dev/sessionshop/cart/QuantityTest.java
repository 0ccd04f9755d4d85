package dev.sessionshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "99", " 7 ", "+3"})
    void acceptsWholeNumbersFromOneToNinetyNine(String raw) {
        int quantity = Quantity.parse(raw);

        assertTrue(quantity >= 1 && quantity <= 99);
        assertEquals(Integer.parseInt(raw.trim()), quantity);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesAMissingQuantity(String raw) {
        InvalidQuantityException e = assertThrows(InvalidQuantityException.class, () -> Quantity.parse(raw));

        assertTrue(e.getMessage().startsWith("A quantity is required"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "2.5", "1e2", "0x10", "12345678901234567890"})
    void refusesWhatIsNotAWholeNumber(String raw) {
        InvalidQuantityException e = assertThrows(InvalidQuantityException.class, () -> Quantity.parse(raw));

        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100", "999999999"})
    void refusesNumbersOutsideTheRange(String raw) {
        InvalidQuantityException e = assertThrows(InvalidQuantityException.class, () -> Quantity.parse(raw));

        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }
}
