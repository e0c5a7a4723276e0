package io.apollo.persistence.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apollo.persistence.control.DatabaseVendor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    /** Whatever the database, a schema version means the same tables and columns. */
    @Test
    void everySupportedDatabaseHasTheSameVersions() {
        List<String> h2 = MigrationScripts.versions(DatabaseVendor.H2.folder());
        assertEquals(SchemaMigrations.FIRST_VERSION, h2.get(0));
        for (DatabaseVendor vendor : DatabaseVendor.values()) {
            assertEquals(h2, MigrationScripts.versions(vendor.folder()), vendor.name());
        }
    }
}
