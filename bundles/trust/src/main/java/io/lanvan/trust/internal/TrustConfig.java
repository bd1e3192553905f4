package io.lanvan.trust.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The reputation policy, from {@code etc/io.lanvan.trust.cfg} or the admin console (docs/admin-guide.md, "Reputation"). */
@ObjectClassDefinition(name = "Trust", description = "Device reputation: how fast old events fade, and what happens below the threshold")
public @interface TrustConfig {
    String PID = "io.lanvan.trust";

    @AttributeDefinition(min = "1", max = "3650", description = "Days after which an event counts half as much (exponential decay)")
    int halfLifeDays() default 14;

    @AttributeDefinition(min = "-1000", max = "0", description = "Score below which the action applies (a new device scores 0, a report -5)")
    double threshold() default -10;

    @AttributeDefinition(description = "What happens to a device whose score falls below the threshold", options = {
            @Option(label = "Nothing", value = "off"),
            @Option(label = "Flag it for admins", value = "flag"),
            @Option(label = "Hold it: refused until an admin approves it", value = "hold")})
    String action() default "flag";
}
