package io.apollo.samples.boundary;

import io.apollo.Scopes;
import io.apollo.envelope.boundary.Envelope;
import io.apollo.operations.boundary.Metered;
import io.apollo.operations.control.Operation;
import io.apollo.samples.control.Admission;
import io.apollo.samples.control.SampleQuery;
import io.apollo.security.boundary.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Function;

/** A device's endpoints: its samples (raw or aggregated), its series, and the device itself. */
@Path("devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    static final String SAMPLES = "timeseries/samples";

    static final String COLLECTION_HEADER = "erCollectionId";
    static final String CONTINUATION_HEADER = "ContinuationToken";

    @EJB
    SampleIngestion ingestion;

    @EJB
    SamplePages pages;

    @EJB
    Deletions deletions;

    @Inject
    Admission admission;

    @Inject
    Caller caller;

    @Context
    SecurityContext security;

    /**
     * 202 only once the batch has committed: an accepted batch is a stored batch. 429 when the
     * server has no place for another batch (Admission).
     */
    @POST
    @Path(SAMPLES)
    @Metered(Operation.POST_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("deviceId") @DeviceId String deviceId,
            @HeaderParam(COLLECTION_HEADER) String collection, SampleBatch batch) {
        try (Admission.Permit writing = admission.write()) {
            ingestion.ingest(deviceId, caller.collections(security), collection, batch.samples());
        }
        return Response.accepted(Envelope.success(Response.Status.ACCEPTED.getStatusCode())).build();
    }

    @GET
    @Path(SAMPLES)
    @Metered(Operation.GET_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_READ, Scopes.READ, Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response get(@PathParam("deviceId") @DeviceId String deviceId,
            @BeanParam SampleQueryParameters parameters, @HeaderParam(COLLECTION_HEADER) String collection,
            @HeaderParam(CONTINUATION_HEADER) String continuation) {
        SampleQuery query = parameters.forDevice(deviceId);
        try (Admission.Permit reading = admission.read()) {
            if (query.aggregated()) {
                return ok(pages.aggregate(query, caller.collections(security), collection, continuation), BucketView::of);
            }
            return ok(pages.read(query, caller.collections(security), collection, continuation), SampleView::of);
        }
    }

    /** The device's series, by timeseries then metric, always paged: {@code limit} at a time. */
    @GET
    @Path("timeseries")
    @Metered(Operation.GET_SERIES)
    @RolesAllowed({Scopes.APOLLO_READ, Scopes.READ, Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response series(@PathParam("deviceId") @DeviceId String deviceId, @QueryParam("limit") String limit,
            @HeaderParam(COLLECTION_HEADER) String collection, @HeaderParam(CONTINUATION_HEADER) String continuation) {
        int pageSize = SampleQuery.pageSize(limit);
        try (Admission.Permit reading = admission.read()) {
            return ok(pages.series(deviceId, pageSize, caller.collections(security), collection, continuation),
                    SeriesView::of);
        }
    }

    private static <T> Response ok(SamplePages.Page<T> page, Function<T, ?> view) {
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(),
                        page.items().stream().map(view).toList()))
                .header(CONTINUATION_HEADER, page.continuation())
                .build();
    }

    /** 200 with how many were deleted, once every chunk has committed; a repeat deletes 0. */
    @DELETE
    @Path(SAMPLES)
    @Metered(Operation.DELETE_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response deleteSamples(@PathParam("deviceId") @DeviceId String deviceId,
            @BeanParam SampleQueryParameters parameters, @HeaderParam(COLLECTION_HEADER) String collection) {
        long deleted = deletions.deleteSamples(parameters.filterForDevice(deviceId), caller.collections(security),
                collection);
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(), new Deleted(deleted))).build();
    }

    /** The device and all its samples; afterwards its id is free for a new first POST. */
    @DELETE
    @Metered(Operation.DELETE_DEVICE)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response deleteDevice(@PathParam("deviceId") @DeviceId String deviceId,
            @HeaderParam(COLLECTION_HEADER) String collection) {
        long deleted = deletions.deleteDevice(deviceId, caller.collections(security), collection);
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(), new Deleted(deleted))).build();
    }
}
