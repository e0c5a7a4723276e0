package io.apollo.testing.probe;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deployed with the integration tests only: rows that outlived what they belong to, in the whole
 * database (samples and series of no device, minutes of no series). The schema has no foreign keys
 * (db/migration V2), so only the service's locking keeps these at 0.
 */
@Stateless
@Path("testing/orphans")
@Produces(MediaType.APPLICATION_JSON)
public class Orphans {

    private static final Map<String, String> COUNTS = Map.of(
            "samples", "SELECT COUNT(*) FROM samples s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM devices d WHERE d.device_key = s.device_key)"
                    + " OR NOT EXISTS (SELECT 1 FROM series r WHERE r.series_key = s.series_key)",
            "series", "SELECT COUNT(*) FROM series r WHERE NOT EXISTS"
                    + " (SELECT 1 FROM devices d WHERE d.device_key = r.device_key)",
            "minutes", "SELECT COUNT(*) FROM sample_minutes m WHERE NOT EXISTS"
                    + " (SELECT 1 FROM series r WHERE r.series_key = m.series_key)");

    @PersistenceContext
    EntityManager em;

    @GET
    public Map<String, Long> count() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"samples", "series", "minutes"}) {
            try (PreparedStatement query = em.unwrap(Connection.class).prepareStatement(COUNTS.get(table));
                    ResultSet count = query.executeQuery()) {
                count.next();
                counts.put(table, count.getLong(1));
            }
        }
        return counts;
    }
}
