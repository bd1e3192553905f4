package io.lanvan.audit.internal.store;

import java.time.Instant;
import io.lanvan.api.audit.AuditEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's data key: what events say about the device is sealed under it; deleting it erases them.
 * {@code ref} is random (24 lower-case hex characters) and is what sealed texts name, never the device id.
 */
public record SubjectKey(String ref, String deviceId, byte[] key, Instant createdAt) {
    private static final Pattern DEVICE_REF = Pattern.compile(Pattern.quote(AuditEvent.DEVICE) + "([A-Za-z0-9_-]{8,64})");
    /** How sealed device references start: this, then the key's ref and a colon. */
    static final String SEALED_DEVICE_PREFIX = "sealed:v1:d:";

    public SubjectKey {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(deviceId, "deviceId");
        if (key.length != 32) {
            throw new IllegalArgumentException("a data key is 32 bytes, was " + key.length);
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The device id {@code text} refers to when it is a device reference ({@code device:<id>}). */
    public static Optional<String> deviceIn(String text) {
        Matcher reference = DEVICE_REF.matcher(text);
        return reference.matches() ? Optional.of(reference.group(1)) : Optional.empty();
    }
}
