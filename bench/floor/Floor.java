package floor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The least a server on this platform does for a POST of samples: the request through Payara
 * Micro and JAX-RS, its bearer token verified and its role checked by MicroProfile JWT, the body
 * read and tokenized by JSON-P, a {@code @Stateless} bean called outside a transaction, a 202 with
 * a small JSON body. No validation, no database.
 */
@Path("apollo/devices/{deviceId}/timeseries/samples")
@RequestScoped
public class Floor {

    @EJB
    Sink sink;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("apollo_write")
    public Response post(InputStream body) {
        int values = 0;
        try (JsonParser parser = Json.createParser(body)) {
            while (parser.hasNext()) {
                if (parser.next() == JsonParser.Event.KEY_NAME && parser.getString().equals("val")) {
                    values++;
                }
            }
        }
        return Response.accepted("{\"data\":{\"samples\":" + sink.take(values) + "}}")
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
