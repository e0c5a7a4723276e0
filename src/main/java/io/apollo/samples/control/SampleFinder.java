package io.apollo.samples.control;

import io.apollo.samples.entity.Sample;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Reads samples in the total order (timestamp, timeseries, metric), ascending or descending,
 * starting after a cursor. The ORDER BY is written to match an index column for column (schema.sql):
 * for one timeseries, (device, timeseries, timestamp, metric), which is the same order when the
 * timeseries is fixed; otherwise (device, timestamp, timeseries, metric). The database then
 * reads the index in order from the cursor and stops at the page's end: a page reads about as
 * many rows as it returns, however long the device's history.
 */
@Dependent
public class SampleFinder {

    @PersistenceContext
    EntityManager em;

    /** At most {@code max} samples of the query, after {@code cursor} when it is not null. */
    public List<Sample> find(SampleQuery query, Cursor cursor, int max) {
        String after = query.descending() ? "<" : ">";
        StringBuilder jpql = new StringBuilder("SELECT s FROM Sample s WHERE s.deviceId = :device");
        if (!query.timeseriesIds().isEmpty()) {
            jpql.append(" AND s.timeseriesId IN :timeseries");
        }
        if (query.metric() != null) {
            jpql.append(" AND s.metric = :metric");
        }
        if (query.start() != null) {
            jpql.append(" AND s.timestamp >= :start");
        }
        if (query.end() != null) {
            jpql.append(" AND s.timestamp < :end");
        }
        if (cursor != null) {
            // The first condition bounds the index range; the rest only sorts out rows that
            // share the cursor's timestamp.
            jpql.append(" AND s.timestamp ").append(after).append("= :cursorTime")
                    .append(" AND (s.timestamp ").append(after).append(" :cursorTime")
                    .append(" OR s.timeseriesId ").append(after).append(" :cursorTimeseries")
                    .append(" OR (s.timeseriesId = :cursorTimeseries AND s.metric ").append(after)
                    .append(" :cursorMetric))");
        }
        String direction = query.descending() ? " DESC" : " ASC";
        if (query.timeseriesIds().size() == 1) {
            jpql.append(" ORDER BY s.deviceId, s.timeseriesId, s.timestamp").append(direction)
                    .append(", s.metric").append(direction);
        } else {
            jpql.append(" ORDER BY s.deviceId, s.timestamp").append(direction)
                    .append(", s.timeseriesId").append(direction)
                    .append(", s.metric").append(direction);
        }

        TypedQuery<Sample> samples = em.createQuery(jpql.toString(), Sample.class)
                .setParameter("device", query.deviceId())
                .setMaxResults(max);
        if (!query.timeseriesIds().isEmpty()) {
            samples.setParameter("timeseries", List.copyOf(query.timeseriesIds()));
        }
        if (query.metric() != null) {
            samples.setParameter("metric", query.metric());
        }
        if (query.start() != null) {
            samples.setParameter("start", query.start());
        }
        if (query.end() != null) {
            samples.setParameter("end", query.end());
        }
        if (cursor != null) {
            samples.setParameter("cursorTime", cursor.timestamp())
                    .setParameter("cursorTimeseries", cursor.timeseriesId())
                    .setParameter("cursorMetric", cursor.metric());
        }
        return samples.getResultList();
    }
}
