package io.lanvan.api.trust;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The devices the server knows, keyed by device id (the hash of the identity key), and what may
 * join. Present while the trust capability runs and its schema is in service. Every decision
 * (first seen, approved, revoked, held, refused) is written to the audit log by the trust
 * capability itself. Methods fail with {@link io.lanvan.api.store.StoreException} when the
 * database does.
 */
@ProviderType
public interface TrustService {
    /** Longest device id (base64url of a SHA-256 is 43 characters; older ids were up to 64). */
    int MAX_DEVICE_ID_LENGTH = 64;
    /** Longest reason a person may give when reporting a device. */
    int MAX_REPORT_REASON_LENGTH = 200;
    /** Most device ids one bulk decision may name. */
    int MAX_BULK = 500;

    /**
     * Decides whether a device that proved possession of its key may join, and records that it was
     * seen (first and last seen, name, platform, address). {@code approvalRequired} is the policy's
     * "anonymous devices off": then only approved devices are admitted.
     */
    Admission admit(DeviceClaim claim, boolean approvalRequired);

    /** Approves devices by id (known or not yet seen); approval also lifts a hold and a revocation. */
    List<TrustedDevice> approve(Collection<String> deviceIds, String actor);

    /** Revokes devices by id (known or not yet seen): they are refused from their next hello on. */
    List<TrustedDevice> revoke(Collection<String> deviceIds, String actor);

    Optional<TrustedDevice> device(String deviceId);

    /** One page of devices matching the query, newest seen first. */
    DevicePage devices(DeviceQuery query);

    /** A device's decisions and reputation events, newest first, at most {@code limit}. */
    List<TrustEvent> history(String deviceId, int limit);

    /**
     * Counts a reputation event against a device. A report counts once per reporter and target
     * ({@code actor} is the reporter's device id). Returns the device's status afterwards (the
     * reputation policy may have held it), or empty when the device is unknown.
     */
    Optional<ReputationOutcome> record(String deviceId, ReputationEvent event, String actor, String detail);
}
