package io.apollo.samples.boundary;

import io.apollo.operations.control.ServiceMetrics;
import io.apollo.persistence.boundary.ExclusiveRuns;
import io.apollo.samples.control.RetentionPeriod;
import io.apollo.samples.control.SampleDeletions;
import io.apollo.samples.control.SampleQuery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Purges the samples the retention period no longer keeps ({@link RetentionPeriod}), on every
 * instance every {@value #INTERVAL} (an ISO-8601 duration, an hour by default), while at most one
 * instance works at a time ({@link ExclusiveRuns}). Device by device, in chunks of its own
 * transaction each ({@link SampleDeletions}), so that ingest never waits on it for long. One INFO
 * line a run, and {@code apollo_samples_purged_total}.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionJob {

    static final String INTERVAL = "apollo.retention.interval";
    /** The same on every instance: the purge's advisory lock on PostgreSQL. */
    static final long LOCK = 0x61706f6c6c6f5250L;
    private static final int DEVICES_PER_READ = 1000;
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    @Resource
    TimerService timers;

    @Inject
    RetentionPeriod retention;

    @Inject
    @ConfigProperty(name = INTERVAL, defaultValue = "PT1H")
    String interval;

    @Inject
    @ConfigProperty(name = Deletions.CHUNK_SIZE, defaultValue = Deletions.DEFAULT_CHUNK_SIZE)
    int chunkSize;

    @EJB
    SampleDeletions deletions;

    @Inject
    ExclusiveRuns exclusive;

    @Inject
    ServiceMetrics metrics;

    /** Checks the settings deletes and the purge run on, at deployment: a bad one fails it, named. */
    @PostConstruct
    void schedule() {
        if (chunkSize < 1) {
            throw new IllegalArgumentException(Deletions.CHUNK_SIZE + " must be at least 1, not " + chunkSize);
        }
        long every = every(interval);
        if (retention.maxAge().isEmpty()) {
            LOG.info(() -> "Samples are kept for ever (" + RetentionPeriod.MAX_AGE + " is not set)");
            return;
        }
        timers.createIntervalTimer(Math.min(every, Duration.ofMinutes(1).toMillis()), every,
                new TimerConfig("retention purge", false));
        LOG.info(() -> "Samples are kept for " + retention.maxAge().get() + ", purged every " + interval);
    }

    static long every(String interval) {
        try {
            long millis = Duration.parse(interval.strip()).toMillis();
            if (millis < 1000) {
                throw new IllegalArgumentException(INTERVAL + " must be at least a second, not " + interval);
            }
            return millis;
        } catch (DateTimeParseException | ArithmeticException notADuration) {
            throw new IllegalArgumentException(INTERVAL + " must be an ISO-8601 duration such as PT1H, not "
                    + interval, notADuration);
        }
    }

    @Timeout
    void run() {
        retention.at(Instant.now()).ifPresent(window -> purgeOlderThan(window.oldestKept()));
    }

    /**
     * One device's old samples, counted chunk by chunk: a device whose purge fails is logged and
     * skipped, and the run goes on with the next one.
     */
    private long purge(SampleQuery old) {
        long purged = 0;
        try {
            int chunk;
            do {
                chunk = deletions.purgeChunk(old, chunkSize);
                purged += chunk;
                metrics.purged(chunk);
            } while (chunk == chunkSize);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, failure, () -> "Retention purge of device " + old.deviceId() + " failed; it is"
                    + " purged again at the next run");
        }
        return purged;
    }

    /**
     * Deletes every sample older than {@code oldestKept}, unless another instance is purging.
     *
     * @return how many samples it deleted, or -1 when another instance was purging
     */
    public long purgeOlderThan(OffsetDateTime oldestKept) {
        long started = System.nanoTime();
        return exclusive.runAlone(LOCK, () -> {
            long purged = 0;
            int devices = 0;
            String after = null;
            for (List<String> ids = deletions.deviceIds(null, DEVICES_PER_READ); !ids.isEmpty();
                    ids = deletions.deviceIds(after, DEVICES_PER_READ)) {
                for (String deviceId : ids) {
                    purged += purge(SampleQuery.before(deviceId, oldestKept));
                }
                devices += ids.size();
                after = ids.get(ids.size() - 1);
            }
            long total = purged;
            int read = devices;
            LOG.info(() -> "Retention purge: " + total + " samples older than " + oldestKept + " deleted from "
                    + read + " devices in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return total;
        }).orElse(-1);
    }
}
