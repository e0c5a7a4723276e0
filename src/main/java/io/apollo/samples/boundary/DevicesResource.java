package io.apollo.samples.boundary;

import io.apollo.Scopes;
import io.apollo.envelope.boundary.Envelope;
import io.apollo.operations.boundary.Metered;
import io.apollo.operations.control.Operation;
import io.apollo.security.boundary.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    @EJB
    Deletions deletions;

    @Inject
    Caller caller;

    @Context
    SecurityContext security;

    /** The device and all its samples; afterwards its id is free for a new first POST. */
    @DELETE
    @Metered(Operation.DELETE_DEVICE)
    @RolesAllowed({Scopes.APOLLO_WRITE, Scopes.WRITE})
    public Response delete(@PathParam("deviceId") @DeviceId String deviceId,
            @HeaderParam(SamplesResource.COLLECTION_HEADER) String collection) {
        long deleted = deletions.deleteDevice(deviceId, caller.collections(security), collection);
        return Response.ok(Envelope.success(Response.Status.OK.getStatusCode(), new Deleted(deleted))).build();
    }
}
