package io.apollo.samples.boundary;

import io.apollo.samples.control.ContinuationTokens;
import io.apollo.samples.control.Cursor;
import io.apollo.samples.control.Devices;
import io.apollo.samples.control.SampleQuery;
import io.apollo.samples.control.SampleStore;
import io.apollo.samples.entity.Bucket;
import io.apollo.samples.entity.Sample;
import io.apollo.samples.entity.SeriesSummary;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One GET: the device and the caller's access to it, then one page of its samples, of their
 * aggregates, or of its series.
 */
@Stateless
public class SamplePages {

    /** The cursor of a series listing has no time; every cursor of one listing has this one. */
    private static final OffsetDateTime NO_TIME = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    @Inject
    ContinuationTokens tokens;

    /** A page, and the token for the next one when the query is paginated and more items match. */
    public record Page<T>(List<T> items, String continuation) {
    }

    public Page<Sample> read(SampleQuery query, Set<String> callerCollections, String requestedCollection,
            String continuation) {
        Cursor after = open(query, callerCollections, requestedCollection, continuation);
        return page(store.find(query, after, query.paginated() ? query.limit() + 1 : query.limit()), query.limit(),
                query.paginated(), query.fingerprint(),
                last -> new Cursor(last.timestamp(), last.timeseriesId(), last.metric()));
    }

    /** A page of buckets of an aggregate query ({@link SampleQuery#aggregated()}). */
    public Page<Bucket> aggregate(SampleQuery query, Set<String> callerCollections, String requestedCollection,
            String continuation) {
        Cursor after = open(query, callerCollections, requestedCollection, continuation);
        return page(store.aggregate(query, after, query.paginated() ? query.limit() + 1 : query.limit()),
                query.limit(), query.paginated(), query.fingerprint(),
                last -> new Cursor(last.start(), last.timeseriesId(), last.metric()));
    }

    /** A page of the device's series, always paginated. */
    public Page<SeriesSummary> series(String deviceId, int limit, Set<String> callerCollections,
            String requestedCollection, String continuation) {
        devices.readable(deviceId, callerCollections, requestedCollection);
        String listing = Json.createObjectBuilder().add("seriesOf", deviceId).build().toString();
        Cursor after = continuation == null ? null : tokens.open(listing, continuation);
        return page(store.seriesOf(deviceId, after, limit + 1), limit, true, listing,
                last -> new Cursor(NO_TIME, last.timeseriesId(), last.metric()));
    }

    private Cursor open(SampleQuery query, Set<String> callerCollections, String requestedCollection,
            String continuation) {
        devices.readable(query.deviceId(), callerCollections, requestedCollection);
        return continuation == null ? null : tokens.open(query.fingerprint(), continuation);
    }

    /** One more than the page was read when paginated: it tells whether another page follows. */
    private <T> Page<T> page(List<T> read, int limit, boolean paginated, String fingerprint,
            Function<T, Cursor> cursor) {
        if (!paginated || read.size() <= limit) {
            return new Page<>(read, null);
        }
        List<T> page = List.copyOf(read.subList(0, limit));
        return new Page<>(page, tokens.issue(fingerprint, cursor.apply(page.get(limit - 1))));
    }
}
