package io.apollo.samples.control;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT);
    /** The lexical form; the formatter alone would also take {@code z}, {@code +01} or {@code +01:00:30}. */
    private static final Pattern FORM = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.(?<fraction>\\d+))?)?(?<offset>Z|[+-]\\d{2}:\\d{2})?");

    private SampleTimestamps() {
    }

    /** @throws IllegalArgumentException with a message fit for the client */
    public static OffsetDateTime parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("must be an ISO-8601 date-time with offset, e.g. " + EXAMPLE);
        }
        if (form.group("offset") == null) {
            throw new IllegalArgumentException("must include an offset (Z or ±hh:mm), e.g. " + EXAMPLE);
        }
        String fraction = form.group("fraction");
        if (fraction != null && fraction.length() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("must not be more precise than microseconds (at most "
                    + MAX_FRACTION_DIGITS + " fractional digits)");
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text, FORMAT);
        } catch (DateTimeParseException noSuchDateTime) {
            throw new IllegalArgumentException("must be a valid date and time, e.g. " + EXAMPLE);
        }
        OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
        if (utc.getYear() < MIN_YEAR || utc.getYear() > MAX_YEAR) {
            throw new IllegalArgumentException("must be between years 0001 and 9999 in UTC");
        }
        return utc.truncatedTo(ChronoUnit.MICROS);
    }
}
