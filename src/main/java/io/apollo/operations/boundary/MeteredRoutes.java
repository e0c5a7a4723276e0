package io.apollo.operations.boundary;

import io.apollo.ApolloApplication;
import io.apollo.operations.control.Routes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Registers the path of every {@link Metered} resource method in {@link Routes} when JAX-RS builds
 * its model at deployment: the path the {@code @ApplicationPath} and {@code @Path} annotations
 * already give, so that no URL is written twice.
 */
@Provider
public class MeteredRoutes implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Metered metered = method.getAnnotation(Metered.class);
        if (metered == null) {
            return;
        }
        String template = Stream.of(ApolloApplication.PATH, path(resource.getResourceClass()), path(method))
                .flatMap(part -> Stream.of(part.split("/")))
                .filter(segment -> !segment.isEmpty())
                .collect(Collectors.joining("/"));
        CDI.current().select(Routes.class).get().add(httpMethod(method), template, metered.value());
    }

    private static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        throw new IllegalStateException(method + " is @Metered but has no HTTP method");
    }
}
