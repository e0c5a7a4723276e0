package io.apollo.samples.boundary;

import io.apollo.samples.control.SampleQuery;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a GET (and the filters of a DELETE), as sent. Taken as text and
 * checked by {@link SampleQuery}, so that a bad value is a 400 naming it (JAX-RS would answer 404
 * for a {@code limit} it cannot convert).
 */
public class SampleQueryParameters {

    @QueryParam("timeseries_ids")
    List<String> timeseriesIds;

    @QueryParam("metric")
    String metric;

    @QueryParam("startTime")
    String startTime;

    @QueryParam("endTime")
    String endTime;

    @QueryParam("orderby")
    String orderBy;

    @QueryParam("limit")
    String limit;

    @QueryParam("paginated")
    String paginated;

    @QueryParam("aggregation")
    String aggregation;

    @QueryParam("interval")
    String interval;

    /** The filters of a DELETE, which refuses the GET's order, paging and aggregate parameters. */
    SampleQuery filterForDevice(String deviceId) {
        List<String> pagingSent = new ArrayList<>();
        Map<String, String> getOnly = new LinkedHashMap<>();
        getOnly.put("orderby", orderBy);
        getOnly.put("limit", limit);
        getOnly.put("paginated", paginated);
        getOnly.put("aggregation", aggregation);
        getOnly.put("interval", interval);
        getOnly.forEach((name, value) -> {
            if (value != null) {
                pagingSent.add(name);
            }
        });
        return SampleQuery.filter(deviceId, timeseriesIds, metric, startTime, endTime, pagingSent);
    }

    SampleQuery forDevice(String deviceId) {
        return SampleQuery.of(deviceId, timeseriesIds, metric, startTime, endTime, orderBy, limit, paginated,
                aggregation, interval);
    }
}
