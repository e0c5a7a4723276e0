package io.apollo.operations.boundary;

/**
 * What the access line and the metrics need to know about the request being served on this
 * thread, beyond what the servlet API tells: its correlation id and how many samples it carried.
 */
public final class ServedRequest {

    static final int UNKNOWN = -1;
    private static final ThreadLocal<ServedRequest> CURRENT = new ThreadLocal<>();

    private final String correlationId;
    private final long started = System.nanoTime();
    private int samples = UNKNOWN;

    private ServedRequest(String correlationId) {
        this.correlationId = correlationId;
    }

    /** Records the number of samples posted or returned ({@link SampleCounts}); ignored outside of a request. */
    static void samples(int count) {
        ServedRequest request = CURRENT.get();
        if (request != null) {
            request.samples = count;
        }
    }

    static ServedRequest current() {
        return CURRENT.get();
    }

    static ServedRequest begin(String correlationId) {
        ServedRequest request = new ServedRequest(correlationId);
        CURRENT.set(request);
        return request;
    }

    /** Puts a request back on the thread, for its error page or ASYNC dispatch; returns whether it was not there. */
    static boolean resume(ServedRequest request) {
        if (CURRENT.get() == request) {
            return false;
        }
        CURRENT.set(request);
        return true;
    }

    static void end() {
        CURRENT.remove();
    }

    String correlationId() {
        return correlationId;
    }

    /** When it began, in {@link System#nanoTime()}. */
    long started() {
        return started;
    }

    /** The count recorded, or {@link #UNKNOWN} when the body was never read (401, 413, 415, ...). */
    int samples() {
        return samples;
    }
}
