package io.apollo.operations.boundary;

import io.apollo.operations.control.Operation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as one of the API's operations: its requests are counted and timed in
 * the metrics under that operation ({@link MeteredRoutes}), whatever answers them, the server
 * included. Every request gets its correlation id and access line anyway ({@link AccessLog}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Metered {

    Operation value();
}
