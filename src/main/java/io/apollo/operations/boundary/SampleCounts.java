package io.apollo.operations.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Records how many samples a request posted (its body, once read) or got back (its response's
 * body), for every endpoint whose bodies are {@link Counted}: no resource method counts by hand.
 */
@Provider
public class SampleCounts implements ReaderInterceptor, ContainerResponseFilter {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        record(body);
        return body;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        record(response.getEntity());
    }

    private static void record(Object body) {
        if (body instanceof Counted counted && counted.count() >= 0) {
            ServedRequest.samples(counted.count());
        }
    }
}
