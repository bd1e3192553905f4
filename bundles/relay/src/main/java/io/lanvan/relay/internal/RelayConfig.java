package io.lanvan.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the WebSocket relay, from {@code etc/io.lanvan.relay.cfg}. */
@ObjectClassDefinition(name = "Relay", description = "WebSocket relay used when two browsers find no direct path")
public @interface RelayConfig {
    String PID = "io.lanvan.relay";

    @AttributeDefinition(min = "1", max = "60", description = "Minutes a relay ticket stays valid before its side connects; signaling frees the "
            + "slot earlier when the transfer ends")
    int ticketMinutes() default 2;

    @AttributeDefinition(min = "1", max = "600", description = "Seconds a side that connected first waits (without holding a server thread) for the "
            + "other before the relay closes it")
    int partnerWaitSeconds() default 30;

    @AttributeDefinition(min = "1", description = "Transfers relayed at the same time; more are refused until one ends")
    int maxTransfers() default 256;
}
