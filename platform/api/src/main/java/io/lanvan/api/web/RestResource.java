package io.lanvan.api.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a Declarative Services component as a JAX-RS resource (or provider) served under {@code /api}.
 *
 * <p>The platform collects every service carrying {@link #PROPERTY}{@code =true} into its Jersey
 * application; when the service goes away (its bundle stops) its routes go with it. Paths in
 * {@code @Path} are relative to {@code /api}.
 *
 * <pre>{@code
 * @Component(service = BrandingResource.class)
 * @RestResource
 * @Path("branding")
 * public final class BrandingResource { ... }
 * }</pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RestResource {
    /** Prefix DS applies to the marker's property name, giving {@value #PROPERTY}. */
    String PREFIX_ = "lanvan.";

    /** The service property the platform's whiteboard filter matches on. */
    String PROPERTY = "lanvan.rest.resource";
}
