package io.lanvan.api.trust;

/** What a reputation event did: whether it counted (a repeated report does not), and the device's status now. */
public record ReputationOutcome(boolean counted, DeviceStatus status) {
}
