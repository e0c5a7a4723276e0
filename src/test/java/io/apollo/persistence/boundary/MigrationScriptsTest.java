package io.apollo.persistence.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    /** Whatever the database, a schema version means the same tables and columns. */
    @Test
    void h2AndPostgresqlHaveTheSameVersions() {
        List<String> h2 = MigrationScripts.versions("h2");
        assertEquals(SchemaMigrations.FIRST_VERSION, h2.get(0));
        assertEquals(h2, MigrationScripts.versions("postgresql"));
    }
}
