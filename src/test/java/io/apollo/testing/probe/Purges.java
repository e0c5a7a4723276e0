package io.apollo.testing.probe;

import io.apollo.samples.boundary.RetentionJob;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;

/**
 * Deployed with the integration tests only: runs the retention purge now, with a cutoff of the
 * test's choosing, as the job's timer runs it with the configured period's.
 */
@Stateless
@Path("testing/purges")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Purges {

    @EJB
    RetentionJob job;

    /** @return what the purge returned: samples deleted, or -1 when another instance was purging */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String purge(@QueryParam("olderThan") String olderThan) {
        return String.valueOf(job.purgeOlderThan(OffsetDateTime.parse(olderThan)));
    }
}
