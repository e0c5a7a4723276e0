package io.apollo.operations.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets the server unload the application's classes when it is undeployed, which Java 17 prevents
 * by itself for an application with records: the first {@code equals}, {@code hashCode} or
 * {@code toString} of a record class is built by {@link ObjectMethods} from a few method handles
 * held in its static fields, and each such handle keeps, in its {@code asTypeCache}, the last
 * adaptation made of it, whose type names the record class (or a record component's class). So the
 * last application on the server to use a record stays in memory, all its classes with it, after
 * it is undeployed (JDK-8078641, fixed in Java 18 by a soft cache). When the application stops,
 * this has the same handles adapted once more, to types of the JDK's own, which replaces what the
 * caches held.
 */
@WebListener
public class RecordMethodCaches implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(RecordMethodCaches.class.getName());

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        forgetApplicationTypes();
    }

    /** Builds {@code equals}, {@code hashCode} and {@code toString} of a record-like view of String. */
    static void forgetApplicationTypes() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle component = lookup.findVirtual(String.class, "strip", MethodType.methodType(String.class));
            ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, String.class, Object.class),
                    String.class, "value", component);
            ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, String.class),
                    String.class, "value", component);
            ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, String.class),
                    String.class, "value", component);
        } catch (Throwable failure) {
            LOG.log(Level.WARNING, "Clearing the record method caches failed: the classes of this deployment may stay"
                    + " in memory after it is undeployed", failure);
        }
    }
}
