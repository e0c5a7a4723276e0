package io.apollo.samples.boundary;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number written exactly as it was posted: JSON generators write a number as its
 * {@code toString()}, which here is the original text ({@code 1e2} stays {@code 1e2}, where a
 * BigDecimal would print {@code 1E+2}). Every other view of it derives from its exact value, each
 * conversion from the one below it, as {@link BigDecimal}'s own do.
 */
record RawNumber(String text) implements JsonNumber {

    @Override
    public String toString() {
        return text;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return new BigDecimal(text);
    }

    @Override
    public double doubleValue() {
        return bigDecimalValue().doubleValue();
    }

    @Override
    public boolean isIntegral() {
        return bigDecimalValue().scale() <= 0;
    }

    @Override
    public BigInteger bigIntegerValue() {
        return bigDecimalValue().toBigInteger();
    }

    /** The low 32 bits of the integer part, as {@link BigDecimal#intValue()}. */
    @Override
    public int intValue() {
        return (int) longValue();
    }

    /** The low 64 bits of the integer part, as {@link BigDecimal#longValue()}. */
    @Override
    public long longValue() {
        return bigIntegerValue().longValue();
    }

    @Override
    public int intValueExact() {
        return Math.toIntExact(longValueExact());
    }

    @Override
    public long longValueExact() {
        return bigIntegerValueExact().longValueExact();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return bigDecimalValue().toBigIntegerExact();
    }
}
