package io.lanvan.api.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The policies in force: a snapshot, replaced as a whole when an admin changes them. Sizes of 0
 * mean "no limit"; extensions are lower case without the dot.
 * Which devices may join is the trust capability's ({@code io.lanvan.api.trust}); this says only whether
 * devices need an admin's approval ({@code anonymousDevices} false).
 */
public record Policy(DeploymentMode mode, long maxFileBytes, long maxTransferBytes, Set<String> blockedExtensions,
                     List<String> clientAllow, List<String> clientDeny, List<String> adminAllow, List<String> adminDeny,
                     boolean anonymousDevices, int connectionsPerMinute, int framesPerSecond, int auditRetentionDays,
                     boolean recordFileNames) {

    /** New WebSocket connections one address may open each minute, unless an admin sets otherwise. */
    public static final int DEFAULT_CONNECTIONS_PER_MINUTE = 60;
    /** WebSocket frames one connection may send each second, unless an admin sets otherwise. */
    public static final int DEFAULT_FRAMES_PER_SECOND = 50;
    /** Days audit records are kept, unless an admin sets otherwise. */
    public static final int DEFAULT_AUDIT_RETENTION_DAYS = 365;

    /**
     * The policies in force until an admin sets any, and while the policy capability is stopped: hybrid, no
     * size or type limits, every address, anonymous devices welcome, file names not recorded. The policy
     * bundle's configuration type has the same defaults (its tests hold it to this).
     */
    public static final Policy DEFAULTS = new Policy(DeploymentMode.HYBRID, 0, 0, Set.of(), List.of(), List.of(),
            List.of(), List.of(), true, DEFAULT_CONNECTIONS_PER_MINUTE, DEFAULT_FRAMES_PER_SECOND,
            DEFAULT_AUDIT_RETENTION_DAYS, false);

    public Policy {
        blockedExtensions = Set.copyOf(blockedExtensions);
        clientAllow = List.copyOf(clientAllow);
        clientDeny = List.copyOf(clientDeny);
        adminAllow = List.copyOf(adminAllow);
        adminDeny = List.copyOf(adminDeny);
    }

    /** Why a file may not be sent, naming the rule; empty when it may. */
    public Optional<String> refusalOf(String fileName, long size) {
        if (maxFileBytes > 0 && size > maxFileBytes) {
            return Optional.of("'" + fileName + "' is larger than the limit of " + maxFileBytes + " bytes per file");
        }
        String type = typeOf(fileName);
        if (!type.isEmpty() && blockedExtensions.contains(type)) {
            return Optional.of("'" + fileName + "' has the blocked file type ." + type);
        }
        return Optional.empty();
    }

    /**
     * The type (extension, lower case) of a file as the receiving system will see it, not as the name
     * spells it: compatibility forms folded (a fullwidth "ｅｘｅ" is "exe"), invisible format characters
     * dropped (direction overrides, zero-width spaces), an NTFS stream suffix cut ("a.exe::$DATA" writes
     * a.exe), and trailing dots and spaces removed, as Windows does when it saves "setup.exe. ".
     */
    static String typeOf(String fileName) {
        String name = Normalizer.normalize(fileName.substring(fileName.lastIndexOf('/') + 1), Normalizer.Form.NFKC)
                .replaceAll("\\p{Cf}", "");
        int stream = name.indexOf(':');
        if (stream >= 0) {
            name = name.substring(0, stream);
        }
        name = name.replaceAll("[.\\s\\p{Z}]+$", "").toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip();
    }

    /** Why a transfer of this total size may not be sent; empty when it may. */
    public Optional<String> refusalOfTotal(long totalBytes) {
        if (maxTransferBytes > 0 && totalBytes > maxTransferBytes) {
            return Optional.of("The transfer is larger than the limit of " + maxTransferBytes + " bytes per transfer");
        }
        return Optional.empty();
    }
}
