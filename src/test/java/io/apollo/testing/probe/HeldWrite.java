package io.apollo.testing.probe;

import io.apollo.samples.control.SampleWrites;
import io.apollo.samples.control.ValidSample;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Deployed with the integration tests only: a batch written as a POST writes it, whose transaction
 * then stays open (holding what a batch holds) until it is released (HeldWrites).
 */
@Stateless
public class HeldWrite {

    @EJB
    SampleWrites writes;

    public void writeAndHold(String deviceId, String collection, ValidSample sample, CountDownLatch written,
            CountDownLatch release) throws InterruptedException {
        writes.write(deviceId, Set.of(collection), null, List.of(sample), OffsetDateTime.now(ZoneOffset.UTC));
        written.countDown();
        if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The held write of device " + deviceId + " was never released");
        }
    }
}
