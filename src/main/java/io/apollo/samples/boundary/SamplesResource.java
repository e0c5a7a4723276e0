package io.apollo.samples.boundary;

import io.apollo.Scopes;
import io.apollo.envelope.boundary.Envelope;
import io.apollo.operations.boundary.Metered;
import io.apollo.operations.control.Operation;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("devices/{deviceId}/timeseries/samples")
@Produces(MediaType.APPLICATION_JSON)
public class SamplesResource {

    static final String COLLECTION_HEADER = "erCollectionId";
    static final String CONTINUATION_HEADER = "ContinuationToken";

    @EJB
    SampleIngestion ingestion;

    @EJB
    SamplePages pages;

    @EJB
    Deletions deletions;

    @Inject
    Caller caller;

    @Context
    SecurityContext security;

    /** 202 only once the batch has committed: an accepted batch is a stored batch. */
    @POST
    @Metered(Operation.POST_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("deviceId") @DeviceId String deviceId,
            @HeaderParam(COLLECTION_HEADER) String collection, SampleBatch batch) {
        ingestion.ingest(deviceId, caller.collections(security), collection, batch.samples());
        return Response.accepted(Envelope.success(Response.Status.ACCEPTED.getStatusCode())).build();
    }

    @GET
    @Metered(Operation.GET_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_READ, Scopes.READ, Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response get(@PathParam("deviceId") @DeviceId String deviceId,
            @BeanParam SampleQueryParameters parameters, @HeaderParam(COLLECTION_HEADER) String collection,
            @HeaderParam(CONTINUATION_HEADER) String continuation) {
        SamplePages.Page page = pages.read(parameters.forDevice(deviceId), caller.collections(security), collection,
                continuation);
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(),
                        page.samples().stream().map(SampleView::of).toList()))
                .header(CONTINUATION_HEADER, page.continuation())
                .build();
    }

    /** 200 with how many were deleted, once every chunk has committed; a repeat deletes 0. */
    @DELETE
    @Metered(Operation.DELETE_SAMPLES)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response delete(@PathParam("deviceId") @DeviceId String deviceId,
            @BeanParam SampleQueryParameters parameters, @HeaderParam(COLLECTION_HEADER) String collection) {
        long deleted = deletions.deleteSamples(parameters.filterForDevice(deviceId), caller.collections(security),
                collection);
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(), new Deleted(deleted))).build();
    }
}
