package io.lanvan.api.devices;

import java.time.Instant;

/** A device as the admin sees it: connected now, or recently turned away while waiting for approval. */
public record ConnectedDevice(String deviceId, String name, String platform, String address, Instant since, Status status) {
    /** Where the device stands. */
    public enum Status { CONNECTED, AWAITING_APPROVAL }
}
