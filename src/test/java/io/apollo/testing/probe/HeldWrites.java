package io.apollo.testing.probe;

import io.apollo.samples.control.ValidSample;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Deployed with the integration tests only: {@code POST testing/held-writes/{deviceId}} writes one
 * sample of a device (as {@link HeldWrite}) and answers once it is written, its transaction still
 * open; {@code DELETE} lets that transaction commit. So a test sees what a batch in its
 * transaction holds up, and what it does not.
 */
@Path("testing/held-writes/{deviceId}")
@ApplicationScoped
public class HeldWrites {

    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

    @EJB
    HeldWrite write;

    @Resource
    ManagedExecutorService executor;

    @POST
    public Response hold(@PathParam("deviceId") String deviceId, @QueryParam("collection") String collection,
            @QueryParam("timeseriesId") String timeseriesId, @QueryParam("timestamp") String timestamp,
            @QueryParam("value") String value) throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        releases.put(deviceId, release);
        ValidSample sample = new ValidSample(timeseriesId, "Raw", OffsetDateTime.parse(timestamp), value, true);
        executor.submit(() -> {
            write.writeAndHold(deviceId, collection, sample, written, release);
            return null;
        });
        return written.await(30, TimeUnit.SECONDS) ? Response.noContent().build() : Response.serverError().build();
    }

    @DELETE
    public Response release(@PathParam("deviceId") String deviceId) {
        CountDownLatch release = releases.remove(deviceId);
        if (release == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        release.countDown();
        return Response.noContent().build();
    }
}
