package io.apollo.envelope.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes every response body, with one JSON-B instance: the same JSON whichever JSON provider
 * the server would pick (RESTEasy picks Jackson, which ignores the envelope's property names),
 * and no JSON-B instance built per response, as Payara's own writer does.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EnvelopeWriter implements MessageBodyWriter<Envelope> {

    static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Envelope.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Envelope envelope, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream body) {
        JSONB.toJson(envelope, body);
    }
}
