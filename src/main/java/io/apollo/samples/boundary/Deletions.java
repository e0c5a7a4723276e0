package io.apollo.samples.boundary;

import io.apollo.samples.control.SampleDeletions;
import io.apollo.samples.control.SampleQuery;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A DELETE of samples or of a device: the caller's access, then chunk after chunk of at most
 * {@value #CHUNK_SIZE} samples, each committed on its own ({@link SampleDeletions}), so that a
 * delete of any size holds no lock for long. Not one transaction: a delete cut short has deleted
 * whole chunks, and a repeat finishes it (docs/api.md §8).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Deletions {

    static final String CHUNK_SIZE = "apollo.delete.chunk-size";
    static final String DEFAULT_CHUNK_SIZE = "5000";

    @EJB
    SampleDeletions deletions;

    @Inject
    @ConfigProperty(name = CHUNK_SIZE, defaultValue = DEFAULT_CHUNK_SIZE)
    int chunkSize;

    /** @return how many samples of the filter it deleted */
    public long deleteSamples(SampleQuery filter, Set<String> callerCollections, String requestedCollection) {
        String collection = deletions.checkAccess(filter.deviceId(), callerCollections, requestedCollection);
        return inChunks(chunk -> deletions.deleteChunk(filter, collection, chunk), chunkSize);
    }

    /** @return how many samples it deleted with the device */
    public long deleteDevice(String deviceId, Set<String> callerCollections, String requestedCollection) {
        String collection = deletions.checkAccess(deviceId, callerCollections, requestedCollection);
        return inChunks(chunk -> deletions.deleteChunk(SampleQuery.all(deviceId), collection, chunk), chunkSize)
                + inChunks(chunk -> deletions.deleteLastChunkAndDevice(deviceId, collection, chunk), chunkSize);
    }

    /** Deletes chunk after chunk until one deletes fewer than a chunk; the total deleted. */
    static long inChunks(IntUnaryOperator deleteChunk, int chunkSize) {
        long deleted = 0;
        int chunk;
        do {
            chunk = deleteChunk.applyAsInt(chunkSize);
            deleted += chunk;
        } while (chunk == chunkSize);
        return deleted;
    }
}
