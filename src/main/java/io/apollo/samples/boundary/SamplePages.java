package io.apollo.samples.boundary;

import io.apollo.samples.control.ContinuationTokens;
import io.apollo.samples.control.Cursor;
import io.apollo.samples.control.Devices;
import io.apollo.samples.control.SampleQuery;
import io.apollo.samples.control.SampleStore;
import io.apollo.samples.entity.Sample;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/** One GET: the device and the caller's access to it, then one page of samples. */
@Stateless
public class SamplePages {

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    @Inject
    ContinuationTokens tokens;

    /** A page, and the token for the next one when the query is paginated and more samples match. */
    public record Page(List<Sample> samples, String continuation) {
    }

    public Page read(SampleQuery query, Set<String> callerCollections, String requestedCollection,
            String continuation) {
        devices.readable(query.deviceId(), callerCollections, requestedCollection);
        Cursor after = continuation == null ? null : tokens.open(query, continuation);
        // One more than the page tells whether another page follows.
        List<Sample> samples = store.find(query, after, query.paginated() ? query.limit() + 1 : query.limit());
        if (samples.size() <= query.limit()) {
            return new Page(samples, null);
        }
        List<Sample> page = samples.subList(0, query.limit());
        Sample last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), tokens.issue(query, new Cursor(last.timestamp(), last.timeseriesId(),
                last.metric())));
    }
}
