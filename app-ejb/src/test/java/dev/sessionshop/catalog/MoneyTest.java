package dev.sessionshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void addsWithoutFloatingPointDrift() {
        Money sum = Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"));

        assertEquals("0.30", sum.amount().toPlainString());
    }

    @Test
    void multipliesByQuantity() {
        assertEquals(new Money(4350, EUR), Money.of("14.50", "EUR").times(3));
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.005", "EUR"));
    }

    @Test
    void refusesNegativePrices() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("-1.00", "EUR"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "EUR").plus(Money.of("1.00", "USD")));
    }
}
