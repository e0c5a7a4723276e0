package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static Admission admission(int writes, int reads) {
        Admission admission = new Admission();
        admission.maxWrites = writes;
        admission.maxReads = reads;
        admission.limits();
        return admission;
    }

    @Test
    void oneMoreThanTheLimitIsRefusedUntilAPlaceIsGivenBack() {
        Admission admission = admission(2, 1);
        Admission.Permit first = admission.write();
        assertFalse(admission.writesFull());
        try (Admission.Permit second = admission.write()) {
            assertTrue(admission.writesFull());
            ServerTooBusy refused = assertThrows(ServerTooBusy.class, admission::write);
            assertEquals(Rejection.Kind.TOO_BUSY, refused.kind());
            assertEquals("Server too busy", refused.getMessage());
            assertEquals(Optional.of(Duration.ofSeconds(1)), refused.retryAfter(), "the first refusals: a second");
        }
        assertFalse(admission.writesFull());
        admission.write().close();
        first.close();
    }

    @Test
    void readsAndWritesHavePlacesOfTheirOwn() {
        Admission admission = admission(1, 1);
        try (Admission.Permit writing = admission.write(); Admission.Permit reading = admission.read()) {
            assertThrows(ServerTooBusy.class, admission::read);
            assertThrows(ServerTooBusy.class, admission::write);
        }
        admission.read().close();
    }

    @Test
    void aPlaceIsGivenBackOnce() {
        Admission admission = admission(1, 1);
        Admission.Permit writing = admission.write();
        writing.close();
        writing.close();
        try (Admission.Permit again = admission.write()) {
            assertThrows(ServerTooBusy.class, admission::write, "a second close gave no second place");
        }
    }

    /** Checked when the bean is created, which the application's start does (Admission#start). */
    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> admission(0, 4));
        assertEquals("apollo.ingest.max-in-flight must be at least 1, not 0", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> admission(4, -1));
    }

    @Test
    void anEarlyRefusalCountsTowardsTheHintOnlyWithAToken() {
        AtomicLong now = new AtomicLong();
        Admission admission = admission(1, 1);
        admission.writeHint = new RetryHint(now::get);
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.of(Duration.ofSeconds(1)), admission.refuseWrite(false).retryAfter());
        }
        now.addAndGet(RetryHint.WINDOW_SECONDS * 1_000_000_000L);
        assertEquals(Optional.of(Duration.ofSeconds(1)), admission.refuseWrite(true).retryAfter(),
                "100 refusals without a token, none counted");
        for (int i = 0; i < 100; i++) {
            admission.refuseWrite(true);
        }
        now.addAndGet(RetryHint.WINDOW_SECONDS * 1_000_000_000L);
        assertEquals(Optional.of(Duration.ofSeconds(2)), admission.refuseWrite(true).retryAfter(),
                "101 counted refusals, no place taken");
    }
}
