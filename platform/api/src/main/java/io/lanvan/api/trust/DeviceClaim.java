package io.lanvan.api.trust;

/** What a device said at hello, after it proved possession of {@code identityKey} (SPKI, base64url). */
public record DeviceClaim(String deviceId, String identityKey, String name, String platform, String address) {
}
