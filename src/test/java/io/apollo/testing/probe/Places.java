package io.apollo.testing.probe;

import io.apollo.samples.control.Admission;
import io.apollo.samples.control.ServerTooBusy;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Deployed with the integration tests only: takes every free place for batches ({@code writes})
 * or reads ({@code reads}) as requests in flight would, answering how many it took, until
 * DELETE gives them all back.
 */
@Path("testing/places")
public class Places {

    private static final List<Admission.Permit> HELD = new ArrayList<>();

    @Inject
    Admission admission;

    @POST
    @Path("{kind}")
    public String takeAll(@PathParam("kind") String kind) {
        Supplier<Admission.Permit> place = switch (kind) {
            case "writes" -> admission::write;
            case "reads" -> admission::read;
            default -> throw new NotFoundException(kind);
        };
        synchronized (HELD) {
            int taken = 0;
            try {
                while (true) {
                    HELD.add(place.get());
                    taken++;
                }
            } catch (ServerTooBusy full) {
                return String.valueOf(taken);
            }
        }
    }

    @DELETE
    public String giveBack() {
        synchronized (HELD) {
            HELD.forEach(Admission.Permit::close);
            int given = HELD.size();
            HELD.clear();
            return String.valueOf(given);
        }
    }
}
