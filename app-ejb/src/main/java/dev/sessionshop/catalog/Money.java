package dev.sessionshop.catalog;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in minor units (cents) of one currency. Never a floating-point number: 0.1 + 0.2
 * must be 0.30 on every instance.
 */
public record Money(long minorUnits, Currency currency) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** Parses a plain decimal such as {@code "14.50"}; more decimals than the currency has are refused. */
    public static Money of(String amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() < 0 || value.scale() > currency.getDefaultFractionDigits()) {
            throw new IllegalArgumentException("Not a price in " + currencyCode + ": " + amount);
        }
        return new Money(value.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money times(int factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    /** The amount as a decimal with the currency's digits, e.g. {@code 14.50}. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency.getCurrencyCode();
    }
}
