package io.apollo.envelope.boundary;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A system exception out of an EJB: logged once, with its cause, under one error id. (The
 * server's own mapper for it hands the cause back to JAX-RS, which then logged it twice.)
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException exception) {
        Throwable cause = exception.getCausedByException();
        return ErrorResponses.unexpected(500, cause == null ? exception : cause);
    }
}
