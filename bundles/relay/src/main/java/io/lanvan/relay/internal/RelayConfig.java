package io.lanvan.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the WebSocket relay, from {@code etc/io.lanvan.relay.cfg}. */
@ObjectClassDefinition(name = "Relay", description = "WebSocket relay used when two browsers find no direct path")
public @interface RelayConfig {
    String PID = "io.lanvan.relay";

    @AttributeDefinition(description = "Minutes a relay ticket stays valid before its side connects")
    int ticketMinutes() default 10;

    @AttributeDefinition(description = "Seconds a side waits for the other to connect before the relay gives up")
    int partnerWaitSeconds() default 30;

    @AttributeDefinition(description = "Transfers relayed at the same time; more are refused until one ends")
    int maxTransfers() default 256;
}
