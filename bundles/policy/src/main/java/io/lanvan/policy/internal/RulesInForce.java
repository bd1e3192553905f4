package io.lanvan.policy.internal;

import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A validated policy together with its parsed address lists. */
record RulesInForce(Policy policy, AddressList clientAllow, AddressList clientDeny, AddressList adminAllow,
                    AddressList adminDeny) {
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    /** Checks every setting; the first broken rule fails, naming its field. */
    static RulesInForce of(PolicyConfig config) throws InvalidPolicy {
        DeploymentMode mode = DeploymentMode.parse(config.mode())
                .orElseThrow(() -> new InvalidPolicy("mode", "must be one of hybrid, p2p-first, server-only"));
        nonNegative("maxFileBytes", config.maxFileBytes());
        nonNegative("maxTransferBytes", config.maxTransferBytes());
        Set<String> extensions = entries(config.blockedExtensions()).stream()
                .map(extension -> extension.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(extension -> !extension.isEmpty()).collect(Collectors.toSet());
        for (String extension : extensions) {
            if (!EXTENSION.matcher(extension).matches()) {
                throw new InvalidPolicy("blockedExtensions", "'" + extension + "' must be 1-16 letters or digits");
            }
        }
        between("connectionsPerMinute", config.connectionsPerMinute(), 1, 100_000);
        between("framesPerSecond", config.framesPerSecond(), 1, 100_000);
        between("auditRetentionDays", config.auditRetentionDays(), 1, 36_500);
        List<String> clientAllow = entries(config.clientAllow());
        List<String> clientDeny = entries(config.clientDeny());
        List<String> adminAllow = entries(config.adminAllow());
        List<String> adminDeny = entries(config.adminDeny());
        Policy policy = new Policy(mode, config.maxFileBytes(), config.maxTransferBytes(), extensions, clientAllow,
                clientDeny, adminAllow, adminDeny, config.anonymousDevices(), config.connectionsPerMinute(),
                config.framesPerSecond(), config.auditRetentionDays(), config.recordFileNames());
        return new RulesInForce(policy, AddressList.parse("clientAllow", clientAllow),
                AddressList.parse("clientDeny", clientDeny), AddressList.parse("adminAllow", adminAllow),
                AddressList.parse("adminDeny", adminDeny));
    }

    /** List values; a .cfg file gives one comma-separated string, ConfigAdmin an array: both are accepted. */
    private static List<String> entries(String[] values) {
        return Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    private static void nonNegative(String field, long value) throws InvalidPolicy {
        if (value < 0) {
            throw new InvalidPolicy(field, "must be 0 (no limit) or a positive number of bytes");
        }
    }

    private static void between(String field, int value, int min, int max) throws InvalidPolicy {
        if (value < min || value > max) {
            throw new InvalidPolicy(field, "must be between " + min + " and " + max);
        }
    }
}
