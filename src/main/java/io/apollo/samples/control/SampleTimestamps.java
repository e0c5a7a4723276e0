package io.apollo.samples.control;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The one timestamp form of the API: ISO-8601 date-time with an offset, at most microsecond
 * precision, stored and compared as the UTC instant. Nothing is rounded: a value the store
 * cannot hold exactly is rejected.
 */
public final class SampleTimestamps {

    public static final int MAX_FRACTION_DIGITS = 6;
    static final int MIN_YEAR = 1;
    static final int MAX_YEAR = 9999;
    static final String EXAMPLE = "2018-01-27T00:00:00+00:00";

    private static final String FORM = "must be an ISO-8601 date-time with offset, e.g. " + EXAMPLE;
    private static final String NO_SUCH_TIME = "must be a valid date and time, e.g. " + EXAMPLE;

    private SampleTimestamps() {
    }

    /** The same, telling {@code problems} what is wrong with the text instead: then null. */
    public static OffsetDateTime parse(String text, Consumer<String> problems) {
        try {
            return parse(text);
        } catch (IllegalArgumentException invalid) {
            problems.accept(invalid.getMessage());
            return null;
        }
    }

    /**
     * Reads {@code yyyy-MM-ddTHH:mm[:ss[.fraction]](Z|±hh:mm)} character by character: a
     * formatter and a pattern cost more than the rest of a sample's validation together.
     *
     * @throws IllegalArgumentException with a message fit for the client
     */
    public static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 16 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7)
                || text.charAt(7) != '-' || !digits(text, 8, 10) || text.charAt(10) != 'T' || !digits(text, 11, 13)
                || text.charAt(13) != ':' || !digits(text, 14, 16)) {
            throw new IllegalArgumentException(FORM);
        }
        int at = 16;
        int second = 0;
        int fractionStart = -1;
        int fractionEnd = -1;
        if (at < length && text.charAt(at) == ':') {
            if (!digits(text, at + 1, at + 3)) {
                throw new IllegalArgumentException(FORM);
            }
            second = number(text, at + 1, at + 3);
            at += 3;
            if (at < length && text.charAt(at) == '.') {
                fractionStart = ++at;
                while (at < length && isDigit(text.charAt(at))) {
                    at++;
                }
                fractionEnd = at;
                if (fractionEnd == fractionStart) {
                    throw new IllegalArgumentException(FORM);
                }
            }
        }
        if (at == length) {
            throw new IllegalArgumentException("must include an offset (Z or ±hh:mm), e.g. " + EXAMPLE);
        }
        char sign = text.charAt(at);
        boolean utc = sign == 'Z' && at + 1 == length;
        boolean numeric = (sign == '+' || sign == '-') && at + 6 == length && digits(text, at + 1, at + 3)
                && text.charAt(at + 3) == ':' && digits(text, at + 4, at + 6);
        if (!utc && !numeric) {
            throw new IllegalArgumentException(FORM);
        }
        int fractionDigits = fractionStart < 0 ? 0 : fractionEnd - fractionStart;
        if (fractionDigits > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("must not be more precise than microseconds (at most "
                    + MAX_FRACTION_DIGITS + " fractional digits)");
        }
        int nanos = 0;
        for (int i = 0; i < 9; i++) {
            nanos = nanos * 10 + (i < fractionDigits ? text.charAt(fractionStart + i) - '0' : 0);
        }
        OffsetDateTime parsed;
        try {
            int direction = sign == '-' ? -1 : 1;
            ZoneOffset offset = utc ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutes(
                    direction * number(text, at + 1, at + 3), direction * number(text, at + 4, at + 6));
            parsed = OffsetDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), second, nanos, offset);
        } catch (DateTimeException noSuchDateTime) {
            throw new IllegalArgumentException(NO_SUCH_TIME);
        }
        OffsetDateTime inUtc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
        if (inUtc.getYear() < MIN_YEAR || inUtc.getYear() > MAX_YEAR) {
            throw new IllegalArgumentException("must be between years 0001 and 9999 in UTC");
        }
        return inUtc;
    }

    private static boolean digits(String text, int from, int to) {
        if (to > text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }
}
