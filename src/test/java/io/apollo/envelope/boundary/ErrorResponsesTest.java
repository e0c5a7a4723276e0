package io.apollo.envelope.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.spi.ResourceAllocationException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures may be the database out of reach (503 when it still is: OperationsIT), which are
 * a connection lost (503 whatever the probe says), and which are the service's own (500).
 */
class ErrorResponsesTest {

    private static boolean candidate(Throwable failure) {
        return ErrorResponses.firstCause(failure, ErrorResponses::connectionFailure) != null;
    }

    @Test
    void aConnectionFailureAnywhereInTheChainIsACandidate() {
        // Payara's pool, as OperationsIT sees it: a plain SQLException over the connector's exception.
        assertTrue(candidate(new IllegalStateException(new SQLException(
                "Error in allocating a connection", new ResourceAllocationException("closed")))));
        assertTrue(candidate(new EJBException(new SQLException("refused", "08001"))));
        assertTrue(candidate(new SQLException("terminating connection", "57P01")));
        assertTrue(candidate(new SQLNonTransientConnectionException("broken", "90067")));
        assertTrue(candidate(new SQLException("too many connections", "53300")));
    }

    @Test
    void aConnectionLostIsTheDatabasesWhateverTheProbeSays() {
        // Citus's coordinator, answering for a worker that is down (docs/operations.md §6.2).
        SQLException remote = new SQLException(
                "connection to the remote node apollo@10.0.0.2:5432 failed with the following error", "08006");
        assertSame(remote, ErrorResponses.firstCause(new IllegalStateException(
                new SQLNonTransientConnectionException("broken", null, remote)), ErrorResponses::connectionLost));
        assertFalse(ErrorResponses.connectionLost(new SQLException("no such connection", "08003")));
        assertFalse(ErrorResponses.connectionLost(new SQLException("refused", "08001")));
        assertFalse(ErrorResponses.connectionLost(new SQLException("terminating connection", "57P01")));
        assertFalse(ErrorResponses.connectionLost(new SQLException("no state")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(candidate(new IllegalStateException(new SQLException("duplicate", "23505"))));
        assertFalse(candidate(new SQLException("no state")));
        assertFalse(candidate(new SQLException("query canceled", "57014")));
        assertFalse(candidate(new IllegalStateException("not SQL")));
        Exception first = new IllegalStateException("first");
        Exception second = new IllegalStateException("second", first);
        first.initCause(second);
        assertFalse(candidate(first), "a chain that loops back ends");
    }
}
