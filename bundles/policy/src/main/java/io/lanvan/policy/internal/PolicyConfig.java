package io.lanvan.policy.internal;

import io.lanvan.api.policy.Policy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Deployment mode and policies, from {@code etc/io.lanvan.policy.cfg} or the admin console. The defaults are
 * {@link Policy#DEFAULTS}, the API's, which apply while this bundle is stopped; PoliciesTest holds them equal.
 */
@ObjectClassDefinition(name = "Policies", description = "Deployment mode and the rules every client obeys and the server enforces")
public @interface PolicyConfig {
    String PID = "io.lanvan.policy";

    @AttributeDefinition(description = "Routes transfers may take", options = {
            @Option(label = "Hybrid: direct with relay fallback", value = "hybrid"),
            @Option(label = "P2P first: direct only, relay refused", value = "p2p-first"),
            @Option(label = "Server only: everything through the relay", value = "server-only")})
    String mode() default "hybrid";

    @AttributeDefinition(min = "0", description = "Largest file in bytes (0 = no limit)")
    long maxFileBytes() default 0;

    @AttributeDefinition(min = "0", description = "Largest transfer (all its files) in bytes (0 = no limit)")
    long maxTransferBytes() default 0;

    @AttributeDefinition(description = "Blocked file extensions, without the dot (e.g. exe, bat)", required = false)
    String[] blockedExtensions() default {};

    @AttributeDefinition(description = "Client addresses allowed (CIDR, IPv4 or IPv6); empty allows all", required = false)
    String[] clientAllow() default {};

    @AttributeDefinition(description = "Client addresses denied (CIDR); deny wins over allow", required = false)
    String[] clientDeny() default {};

    @AttributeDefinition(description = "Admin console addresses allowed (CIDR); empty allows all", required = false)
    String[] adminAllow() default {};

    @AttributeDefinition(description = "Admin console addresses denied (CIDR)", required = false)
    String[] adminDeny() default {};

    @AttributeDefinition(description = "Whether devices may join without an admin's approval")
    boolean anonymousDevices() default true;

    @AttributeDefinition(min = "1", description = "WebSocket connections per minute allowed from one address")
    int connectionsPerMinute() default Policy.DEFAULT_CONNECTIONS_PER_MINUTE;

    @AttributeDefinition(min = "1", description = "WebSocket frames per second allowed per connection")
    int framesPerSecond() default Policy.DEFAULT_FRAMES_PER_SECOND;

    @AttributeDefinition(min = "1", description = "Days audit records are kept")
    int auditRetentionDays() default Policy.DEFAULT_AUDIT_RETENTION_DAYS;

    @AttributeDefinition(description = "Whether file names are written to the audit log")
    boolean recordFileNames() default false;
}
