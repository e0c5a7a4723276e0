package io.apollo.hardening;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apollo.testing.Api;
import io.apollo.testing.Deployments;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redeploying the WAR on WildFly leaves no copy of the application behind (docs/wildfly.md):
 * after five redeploys and a full GC, the server's JVM holds the application's classes once, in
 * the live deployment's class loader, and the service answers with every sample posted across the
 * redeploys. Counted with {@code jcmd VM.classloaders} in WildFly's JVM (the test's own JDK), so
 * the suite runs it on WildFly only (pom.xml); Payara Micro's Arquillian container redeploys by
 * starting a new process. The tests' WildFly clears soft references at every GC
 * ({@code -XX:SoftRefLRUPolicyMSPerMB=0}, pom.xml): a copy that only a cache of soft references
 * keeps is not a leak (the JVM empties such caches before any OutOfMemoryError), but would
 * otherwise stay for minutes after its last use.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyRedeployIT {

    private static final String DEPLOYMENT = "redeployed";
    private static final String APPLICATION_CLASS = "io.apollo.samples.boundary.DevicesResource";
    private static final int DEPLOYS = 6;
    /**
     * An idle worker thread ends after 60 s (apollo.cli); until then it may keep the deployment
     * whose request created it, so the count is read again until that has passed.
     */
    private static final Duration IDLE_WORKERS_END = Duration.ofSeconds(150);
    private static final String WRITER = TestTokens.groups("apollo_write", "apollo_read").collections("fleet").sign();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.apollo();
    }

    @Test
    void fiveRedeploysLeaveOneCopyOfTheApplication() throws Exception {
        Api api = new Api(new URL(System.getProperty("it.httpUrl")));
        String device = Api.newDevice();
        for (int deploy = 1; deploy <= DEPLOYS; deploy++) {
            deployer.deploy(DEPLOYMENT);
            api.post(device).token(WRITER)
                    .body(batch(sample("ts", String.valueOf(deploy), Instant.ofEpochSecond(1_600_000_000L + deploy).toString())))
                    .send().assertAccepted();
            if (deploy < DEPLOYS) {
                deployer.undeploy(DEPLOYMENT);
            }
        }
        try {
            // No request from here on until the count: a request could keep a worker alive.
            long pid = wildFly();
            Instant giveUp = Instant.now().plus(IDLE_WORKERS_END);
            int copies = copiesOfTheApplication(pid);
            while (copies > 1 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(5_000);
                copies = copiesOfTheApplication(pid);
            }
            if (copies > 1) {
                // A copy kept past the idle workers is a strong reference: the heap shows what holds it.
                Path dump = Path.of("target", "wildfly-redeploy-leak.hprof").toAbsolutePath();
                Files.deleteIfExists(dump);
                jcmd(pid, "GC.heap_dump", dump.toString());
                System.out.println("Heap of WildFly with " + copies + " copies: " + dump);
            }
            assertEquals(1, copies, "class loaders holding " + APPLICATION_CLASS + " after a full GC"
                    + " (heap dump in target/wildfly-redeploy-leak.hprof)");

            JsonArray samples = api.get(device, "").token(WRITER).send().assertEnvelope(200, "").asJsonArray();
            assertEquals(List.of(1, 2, 3, 4, 5, 6), samples.stream().map(s -> s.asJsonObject().getInt("val")).toList());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    /** The process of the WildFly this suite started (pom.xml: jboss.home). */
    private static long wildFly() {
        String home = Path.of(System.getProperty("jboss.home")).toAbsolutePath().normalize().toString();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine()
                        .filter(c -> c.contains("jboss-modules.jar") && c.contains("-Djboss.home.dir=" + home))
                        .isPresent())
                .toList();
        assertEquals(1, servers.size(), "WildFly processes of " + home);
        return servers.get(0).pid();
    }

    /** How many class loaders hold the application's classes after a full GC. */
    private static int copiesOfTheApplication(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String loaders = jcmd(pid, "VM.classloaders", "show-classes=true", "fold=false");
        // Each class on a line of its own, after the tree's branches (and "Classes:" for a loader's first).
        int copies = (int) loaders.lines().filter(line -> line.stripTrailing().endsWith(" " + APPLICATION_CLASS)).count();
        System.out.println(Instant.now() + ": " + copies + " class loaders hold " + APPLICATION_CLASS);
        return copies;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
