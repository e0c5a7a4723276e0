package io.apollo.samples.control;

import io.apollo.samples.entity.Sample;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a GET asks for (docs/api.md §5), checked, or which samples a DELETE removes (its filters
 * only: device, timeseries, metric and time range; docs/api.md §8): an empty {@code timeseriesIds} means all of the
 * device's timeseries; {@code start} is inclusive, {@code end} exclusive, either may be null;
 * {@code aggregate} is null for raw samples; otherwise {@code limit} counts buckets (docs/api.md §9).
 */
public record SampleQuery(String deviceId, SortedSet<String> timeseriesIds, String metric, OffsetDateTime start,
        OffsetDateTime end, boolean descending, int limit, boolean paginated, Aggregate aggregate) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final String ASCENDING = "timestamp asc";
    static final String DESCENDING = "timestamp desc";

    /** All of a device's samples. */
    public static SampleQuery all(String deviceId) {
        return before(deviceId, null);
    }

    /** The device's samples before {@code end} (exclusive; null: all of them). */
    public static SampleQuery before(String deviceId, OffsetDateTime end) {
        return new SampleQuery(deviceId, new TreeSet<>(), null, null, end, false, DEFAULT_LIMIT, false, null);
    }

    /** The query parameters as sent; absent ones are null. @throws InvalidQuery listing every problem */
    public static SampleQuery of(String deviceId, List<String> timeseriesIds, String metric, String startTime,
            String endTime, String orderBy, String limit, String paginated, String aggregation, String interval) {
        List<String> problems = new ArrayList<>();
        Aggregate aggregate = Aggregate.parse(aggregation, interval, problems);
        return parse(problems, deviceId, timeseriesIds, metric, startTime, endTime, orderBy, limit, paginated,
                aggregate);
    }

    /**
     * A DELETE's filters as sent. {@code pagingSent} names the GET's order, paging and aggregate
     * parameters that came with it: each is a problem, since a DELETE removes every sample its
     * filters match and a {@code limit} it ignored would delete more than the caller meant.
     *
     * @throws InvalidQuery listing every problem
     */
    public static SampleQuery filter(String deviceId, List<String> timeseriesIds, String metric, String startTime,
            String endTime, List<String> pagingSent) {
        List<String> problems = new ArrayList<>();
        pagingSent.forEach(name -> problems.add(name + " does not apply to a DELETE, which removes every sample"
                + " its filters match"));
        return parse(problems, deviceId, timeseriesIds, metric, startTime, endTime, null, null, null, null);
    }

    private static SampleQuery parse(List<String> problems, String deviceId, List<String> timeseriesIds,
            String metric, String startTime, String endTime, String orderBy, String limit, String paginated,
            Aggregate aggregate) {
        SortedSet<String> ids = new TreeSet<>();
        for (String parameter : timeseriesIds == null ? List.<String>of() : timeseriesIds) {
            for (String id : parameter.split(",")) {
                String trimmed = id.strip();
                if (trimmed.isEmpty() || trimmed.length() > Sample.TIMESERIES_ID_LENGTH) {
                    problems.add("timeseries_ids must be 1 to " + Sample.TIMESERIES_ID_LENGTH + " characters each");
                } else {
                    ids.add(trimmed);
                }
            }
        }
        if (metric != null && (metric.isEmpty() || metric.length() > Sample.METRIC_LENGTH)) {
            problems.add("metric must be 1 to " + Sample.METRIC_LENGTH + " characters");
        }
        OffsetDateTime start = time("startTime", startTime, problems);
        OffsetDateTime end = time("endTime", endTime, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add("startTime must be before endTime");
        }
        boolean descending = false;
        if (orderBy != null) {
            String order = orderBy.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            descending = DESCENDING.equals(order);
            if (!descending && !ASCENDING.equals(order)) {
                problems.add("orderby must be '" + ASCENDING + "' or '" + DESCENDING + "'");
            }
        }
        int pageSize = limit(limit, problems);
        boolean paged = "true".equalsIgnoreCase(paginated);
        if (paginated != null && !paged && !"false".equalsIgnoreCase(paginated)) {
            problems.add("paginated must be true or false");
        }
        if (!problems.isEmpty()) {
            throw new InvalidQuery(problems);
        }
        return new SampleQuery(deviceId, ids, metric, start, end, descending, pageSize, paged, aggregate);
    }

    /**
     * A page size as sent (null: the default) for a listing that takes no other parameter.
     *
     * @throws InvalidQuery when it is not a whole number from 1 to {@value #MAX_LIMIT}
     */
    public static int pageSize(String limit) {
        List<String> problems = new ArrayList<>();
        int pageSize = limit(limit, problems);
        if (!problems.isEmpty()) {
            throw new InvalidQuery(problems);
        }
        return pageSize;
    }

    private static int limit(String limit, List<String> problems) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        int pageSize;
        try {
            pageSize = Integer.parseInt(limit.strip());
        } catch (NumberFormatException notANumber) {
            pageSize = 0;
        }
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            problems.add("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return pageSize;
    }

    private static OffsetDateTime time(String name, String text, List<String> problems) {
        return text == null ? null : SampleTimestamps.parse(text, message -> problems.add(name + " " + message));
    }

    public boolean aggregated() {
        return aggregate != null;
    }

    /**
     * The query without its page size, what a continuation token is bound to: JSON, so that no
     * two queries share one, whatever characters their values hold. A query of raw samples has the
     * fingerprint it had before aggregates existed, so that tokens of that release still work.
     */
    public String fingerprint() {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        timeseriesIds.forEach(ids::add);
        JsonObjectBuilder fingerprint = Json.createObjectBuilder()
                .add("deviceId", deviceId)
                .add("timeseriesIds", ids)
                .add("metric", metric == null ? JsonValue.NULL : Json.createValue(metric))
                .add("start", start == null ? JsonValue.NULL : Json.createValue(start.toString()))
                .add("end", end == null ? JsonValue.NULL : Json.createValue(end.toString()))
                .add("descending", descending);
        if (aggregated()) {
            fingerprint.add("aggregation", aggregate.function().label())
                    .add("interval", aggregate.interval().toString());
        }
        return fingerprint.build().toString();
    }
}
