package io.apollo.testing.probe;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Deployed with the integration tests only: {@code POST testing/poisoned-value} makes the database
 * refuse every sample whose value is {@value #VALUE} (a CHECK constraint, the same SQL on H2 and
 * PostgreSQL), {@code DELETE} takes the constraint away. So a test sees a database error inside a
 * transaction, for one batch and not its neighbours.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Path("testing/poisoned-value")
public class PoisonedValue {

    public static final String VALUE = "poison";

    @Inject
    DataSource database;

    @POST
    public void poison() throws SQLException {
        execute("ALTER TABLE samples ADD CONSTRAINT poisoned_value CHECK (value_text <> '" + VALUE + "')");
    }

    @DELETE
    public void cure() throws SQLException {
        execute("ALTER TABLE samples DROP CONSTRAINT poisoned_value");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
