package io.lanvan.trust.internal;

import io.lanvan.api.trust.DeviceStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A row of {@code trust_device}, in this capability's schema {@code trust}. */
@Entity
@Table(name = "trust_device")
public class TrustDeviceRow {
    /** How many recent addresses a device keeps. */
    static final int ADDRESSES_KEPT = 5;

    @Id
    @Column(name = "device_id", length = 64)
    private String deviceId;
    @Column(name = "identity_key", length = 256)
    private String identityKey;
    @Column(name = "name", nullable = false, length = 64)
    private String name;
    @Column(name = "platform", nullable = false, length = 16)
    private String platform;
    @Column(name = "status", nullable = false, length = 16)
    private String status;
    @Column(name = "first_seen")
    private Instant firstSeen;
    @Column(name = "last_seen")
    private Instant lastSeen;
    @Column(name = "last_addresses", nullable = false, length = 400)
    private String lastAddresses;
    @Column(name = "decided_by", length = 200)
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "score", nullable = false)
    private double score;
    @Column(name = "score_at", nullable = false)
    private Instant scoreAt;
    @Column(name = "completed", nullable = false)
    private long completed;
    @Column(name = "failed", nullable = false)
    private long failed;
    @Column(name = "hash_mismatches", nullable = false)
    private long hashMismatches;
    @Column(name = "declined", nullable = false)
    private long declined;
    @Column(name = "cancelled", nullable = false)
    private long cancelled;
    @Column(name = "reports", nullable = false)
    private long reports;

    protected TrustDeviceRow() {
    }

    /** A device not seen yet (decided by id) or seen for the first time now. */
    TrustDeviceRow(String deviceId, DeviceStatus status, Instant now) {
        this.deviceId = deviceId;
        this.name = "";
        this.platform = "";
        this.status = status.wire();
        this.lastAddresses = "";
        this.scoreAt = now;
    }

    String deviceId() {
        return deviceId;
    }

    String identityKey() {
        return identityKey;
    }

    DeviceStatus status() {
        return DeviceStatus.parse(status).orElse(DeviceStatus.PENDING);
    }

    Instant firstSeen() {
        return firstSeen;
    }

    void decide(DeviceStatus status, String actor, Instant now) {
        this.status = status.wire();
        this.decidedBy = actor.length() > 200 ? actor.substring(0, 200) : actor;
        this.decidedAt = now;
    }

    /** Records a hello: what the device calls itself now, and where it joined from (newest first, a few kept). */
    void seen(String identityKey, String name, String platform, String address, Instant now) {
        if (this.identityKey == null) {
            this.identityKey = identityKey;
        }
        if (firstSeen == null) {
            firstSeen = now;
        }
        this.lastSeen = now;
        this.name = name;
        this.platform = platform;
        List<String> kept = new ArrayList<>(List.of(address));
        addresses().stream().filter(known -> !known.equals(address)).limit(ADDRESSES_KEPT - 1).forEach(kept::add);
        this.lastAddresses = String.join(",", kept);
    }

    /** Forgets what says who the device is or where it was (erasure), keeping the decision that applies to its key. */
    void forgetPersonalData() {
        this.identityKey = null;
        this.name = "";
        this.platform = "other";
        this.lastAddresses = "";
        this.firstSeen = null;
        this.lastSeen = null;
    }

    List<String> addresses() {
        return lastAddresses.isEmpty() ? List.of() : Arrays.asList(lastAddresses.split(","));
    }

    /** Adds an event's weight to the score decayed to {@code now}, and counts it. */
    void count(io.lanvan.api.trust.ReputationEvent event, ReputationScore scoring, Instant now) {
        score = scoring.decayed(score, scoreAt, now) + scoring.weight(event);
        scoreAt = now;
        switch (event) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            case HASH_MISMATCH -> hashMismatches++;
            case DECLINED -> declined++;
            case CANCELLED -> cancelled++;
            case REPORTED -> reports++;
        }
    }

    double scoreAt(ReputationScore scoring, Instant now) {
        return scoring.decayed(score, scoreAt, now);
    }

    io.lanvan.api.trust.TrustedDevice toDevice(ReputationScore scoring, Instant now) {
        double current = scoreAt(scoring, now);
        return new io.lanvan.api.trust.TrustedDevice(deviceId, identityKey == null ? "" : identityKey, name, platform,
                status(), firstSeen, lastSeen, addresses(), decidedBy == null ? "" : decidedBy, decidedAt,
                new io.lanvan.api.trust.Reputation(Math.round(current * 1000) / 1000.0, completed, failed, hashMismatches,
                        declined, cancelled, reports, scoring.flags(current)));
    }
}
