package io.lanvan.web.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may scrape {@code /metrics}; edited in {@code etc/io.lanvan.metrics.cfg} or the admin console. */
@ObjectClassDefinition(name = "LANVan metrics", description = "Who may read the Prometheus metrics at /metrics")
public @interface MetricsConfig {
    String PID = "io.lanvan.metrics";

    @AttributeDefinition(description = "Addresses or CIDR ranges that may read /metrics without a token "
            + "(the admin address lists apply as well). Default: this machine only.")
    String[] metricsAllow() default {"127.0.0.0/8", "::1"};

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Bearer token that lets a scraper from any "
            + "other address read /metrics (Authorization: Bearer <token>); empty turns token access off. "
            + "Use at least 32 random characters.")
    String bearerToken() default "";
}
