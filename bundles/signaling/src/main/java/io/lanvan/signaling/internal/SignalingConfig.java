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

    @AttributeDefinition(min = "1", max = "60", description = "Minutes a pairing code stays valid, and so how long its creator has to confirm the device that entered it")
    int pairingMinutes() default 5;

    @AttributeDefinition(min = "1", description = "Wrong pairing codes a connection may try before pairing is refused to it")
    int pairingAttempts() default 10;

    @AttributeDefinition(min = "1", description = "Wrong pairing codes all connections from one address may try within pairingMinutes")
    int pairingAttemptsPerAddress() default 20;

    @AttributeDefinition(min = "1", description = "Wrong pairing codes the whole server takes within pairingMinutes; beyond it, "
            + "pairing pauses for everyone until the window ends")
    int pairingAttemptsOverall() default 200;

    @AttributeDefinition(min = "1", description = "Wrong guesses an open pairing code may see (each wrong code is tried against every "
            + "open code) before it is retired and its creator told to make a new one")
    int pairingGuessesPerCode() default 50;

    @AttributeDefinition(min = "1", description = "Connections that said hello from one address at once; more are refused")
    int maxPeersPerAddress() default 64;

    @AttributeDefinition(min = "1", description = "Open transfers (offered, not yet ended) one device may have as the sender")
    int maxOpenOffersPerDevice() default 32;

    @AttributeDefinition(min = "1", description = "Open transfers all devices at one address may have as senders")
    int maxOpenOffersPerAddress() default 128;

    @AttributeDefinition(min = "1", description = "Transfers on the relay one device may take part in at once")
    int maxRelayedPerDevice() default 8;

    @AttributeDefinition(min = "1", description = "Transfers on the relay the devices at one address may take part in at once")
    int maxRelayedPerAddress() default 32;

    @AttributeDefinition(min = "0", max = "60000", description = "Milliseconds between two presence updates about one device's name; "
            + "renames in between are merged into the last one")
    int renameIntervalMillis() default 1000;

    @AttributeDefinition(min = "8", max = "32", description = "Prefix length grouping private IPv4 addresses into one network room")
    int ipv4Prefix() default 24;

    @AttributeDefinition(min = "16", max = "128", description = "Prefix length grouping IPv6 addresses into one network room")
    int ipv6Prefix() default 64;

    @AttributeDefinition(min = "1", max = "1000", description = "Reports of other devices one device may send per hour; more are refused")
    int reportsPerHour() default 10;
}
