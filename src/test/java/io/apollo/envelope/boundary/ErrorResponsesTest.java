package io.apollo.envelope.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.spi.ResourceAllocationException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are the database out of reach (503, OperationsIT), and which are the service's own (500). */
class ErrorResponsesTest {

    @Test
    void aConnectionFailureAnywhereInTheChainIsTheDatabaseOutOfReach() {
        // Payara's pool, as OperationsIT sees it: a plain SQLException over the connector's exception.
        assertTrue(ErrorResponses.databaseUnreachable(new IllegalStateException(new SQLException(
                "Error in allocating a connection", new ResourceAllocationException("closed")))));
        assertTrue(ErrorResponses.databaseUnreachable(new EJBException(new SQLException("refused", "08001"))));
        assertTrue(ErrorResponses.databaseUnreachable(new SQLException("terminating connection", "57P01")));
        assertTrue(ErrorResponses.databaseUnreachable(new SQLNonTransientConnectionException("broken", "90067")));
    }

    @Test
    void otherSqlFailuresAreTheServicesOwn() {
        assertFalse(ErrorResponses.databaseUnreachable(new IllegalStateException(new SQLException("duplicate", "23505"))));
        assertFalse(ErrorResponses.databaseUnreachable(new SQLException("no state")));
        assertFalse(ErrorResponses.databaseUnreachable(new SQLException("query canceled", "57014")));
        assertFalse(ErrorResponses.databaseUnreachable(new IllegalStateException("not SQL")));
    }
}
