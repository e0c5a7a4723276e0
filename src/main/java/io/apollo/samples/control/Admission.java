package io.apollo.samples.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many requests of each kind are served at once on this instance: at most
 * {@value #MAX_WRITES} batches being written or waiting to be ({@link #write()}), at most
 * {@value #MAX_READS} reads ({@link #read()}). One more is refused with {@link ServerTooBusy}
 * and a hint when to retry ({@link RetryHint}: a second, longer while many are refused), instead
 * of queueing until its client gives up:
 * past the database's pace, more at once only wait longer. A batch counts from when its body has
 * been read until its transaction has ended (a body still arriving takes no place, so slow
 * clients cannot keep others out; its size and time have limits of their own); a POST that
 * arrives while all are taken is refused before its body is read ({@link #writesFull()}). The
 * limits are read when the application starts: one below 1 fails the deployment.
 */
@ApplicationScoped
public class Admission {

    public static final String MAX_WRITES = "apollo.ingest.max-in-flight";
    public static final String MAX_READS = "apollo.read.max-in-flight";

    @Inject
    @ConfigProperty(name = MAX_WRITES, defaultValue = "32")
    int maxWrites;

    @Inject
    @ConfigProperty(name = MAX_READS, defaultValue = "32")
    int maxReads;

    private Semaphore writes;
    private Semaphore reads;
    RetryHint writeHint = new RetryHint(System::nanoTime);
    private final RetryHint readHint = new RetryHint(System::nanoTime);

    /**
     * Observing the application's start creates the bean then (and runs {@link #limits()}), so that
     * a bad limit fails the deployment, not its requests.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more to do: the bean exists now.
    }

    @PostConstruct
    void limits() {
        writes = new Semaphore(positive(MAX_WRITES, maxWrites));
        reads = new Semaphore(positive(MAX_READS, maxReads));
    }

    private static int positive(String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + limit);
        }
        return limit;
    }

    /** A place for one batch, given back when closed; refused when all are taken. */
    public Permit write() {
        return take(writes, writeHint);
    }

    /** A place for one read, given back when closed; refused when all are taken. */
    public Permit read() {
        return take(reads, readHint);
    }

    /** Whether a batch would be refused now (a POST that has not sent its body yet). */
    public boolean writesFull() {
        return writes.availablePermits() == 0;
    }

    /**
     * The refusal of a POST that arrives while {@link #writesFull()}: counted (RetryHint) when the
     * request carries a bearer token the server has accepted, not when it carries none.
     */
    public ServerTooBusy refuseWrite(boolean authenticated) {
        return new ServerTooBusy(authenticated ? writeHint.refused() : writeHint.current());
    }

    private static Permit take(Semaphore places, RetryHint hint) {
        if (!places.tryAcquire()) {
            throw new ServerTooBusy(hint.refused());
        }
        hint.taken();
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                places.release();
            }
        };
    }

    /** A place taken; {@link #close()} gives it back (once, however often it is called). */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {

        @Override
        void close();
    }
}
