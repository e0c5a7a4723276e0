package io.apollo.testing;

import io.apollo.testing.probe.StoredRows;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment every integration test runs against: the WAR as built, plus the database probe. */
public final class Deployments {

    private Deployments() {
    }

    /** Named ROOT.war so Payara Micro serves it at the root context, as in production. */
    public static WebArchive apollo() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File("target/apollo.war"))
                .as(WebArchive.class)
                .addPackage(StoredRows.class.getPackage());
    }
}
