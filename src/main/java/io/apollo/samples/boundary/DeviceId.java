package io.apollo.samples.boundary;

import io.apollo.samples.entity.Device;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A device id as the path carries it, decoded: 1–128 characters, no control character, no
 * slash or backslash, and not {@code .} or {@code ..}. An encoded slash ({@code %2F}) or dot
 * segment would otherwise make an id that proxies, servers and clients read differently, and
 * one that no plain URL can name.
 */
@Documented
@Size(min = 1, max = Device.ID_LENGTH)
@Pattern(regexp = "(?!\\.{1,2}\\z)[^/\\\\\\x00-\\x1F\\x7F-\\x9F]*",
        message = "must not be . or .., nor contain /, \\ or control characters")
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DeviceId {

    String message() default "is not a valid device id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
