package io.lanvan.api.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The policies in force: a snapshot, replaced as a whole when an admin changes them. Sizes of 0
 * mean "no limit"; extensions are lower case without the dot. Devices are named by their device id.
 */
public record Policy(DeploymentMode mode, long maxFileBytes, long maxTransferBytes, Set<String> blockedExtensions,
                     List<String> clientAllow, List<String> clientDeny, List<String> adminAllow, List<String> adminDeny,
                     boolean anonymousDevices, int connectionsPerMinute, int framesPerSecond, int auditRetentionDays,
                     boolean recordFileNames, Set<String> approvedDevices, Set<String> revokedDevices) {

    public Policy {
        blockedExtensions = Set.copyOf(blockedExtensions);
        clientAllow = List.copyOf(clientAllow);
        clientDeny = List.copyOf(clientDeny);
        adminAllow = List.copyOf(adminAllow);
        adminDeny = List.copyOf(adminDeny);
        approvedDevices = Set.copyOf(approvedDevices);
        revokedDevices = Set.copyOf(revokedDevices);
    }

    /** Whether a device may join: not revoked, and approved unless anonymous devices are allowed. */
    public boolean admits(String deviceId) {
        return !revokedDevices.contains(deviceId) && (anonymousDevices || approvedDevices.contains(deviceId));
    }

    /** Why a file may not be sent, naming the rule; empty when it may. */
    public Optional<String> refusalOf(String fileName, long size) {
        if (maxFileBytes > 0 && size > maxFileBytes) {
            return Optional.of("'" + fileName + "' is larger than the limit of " + maxFileBytes + " bytes per file");
        }
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && blockedExtensions.contains(name.substring(dot + 1))) {
            return Optional.of("'" + fileName + "' has the blocked file type ." + name.substring(dot + 1));
        }
        return Optional.empty();
    }

    /** Why a transfer of this total size may not be sent; empty when it may. */
    public Optional<String> refusalOfTotal(long totalBytes) {
        if (maxTransferBytes > 0 && totalBytes > maxTransferBytes) {
            return Optional.of("The transfer is larger than the limit of " + maxTransferBytes + " bytes per transfer");
        }
        return Optional.empty();
    }
}
