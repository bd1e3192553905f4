package io.lanvan.signaling.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Signaling settings, from {@code etc/io.lanvan.signaling.cfg}. */
@ObjectClassDefinition(name = "Signaling", description = "Presence, rooms, pairing and WebRTC signaling")
public @interface SignalingConfig {
    String PID = "io.lanvan.signaling";

    @AttributeDefinition(description = "STUN/TURN server URLs handed to browsers for WebRTC, e.g. stun:stun.example.org:3478; "
            + "empty on a LAN", required = false)
    String[] iceServers() default {};

    @AttributeDefinition(description = "Minutes a pairing code stays valid")
    int pairingMinutes() default 5;

    @AttributeDefinition(description = "Wrong pairing codes a connection may try before pairing is refused to it")
    int pairingAttempts() default 10;

    @AttributeDefinition(description = "Prefix length grouping private IPv4 addresses into one network room")
    int ipv4Prefix() default 24;

    @AttributeDefinition(description = "Prefix length grouping IPv6 addresses into one network room")
    int ipv6Prefix() default 64;
}
