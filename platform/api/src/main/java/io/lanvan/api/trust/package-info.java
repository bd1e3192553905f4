/**
 * Device trust: which identity keys may join (admission, approval, revocation, holds) and each
 * device's reputation. A device is its key: {@code deviceId} is the base64url SHA-256 of the
 * identity key's SPKI, so every decision here attaches to a key, never to a claimed name.
 */
@Version("1.0.0")
@Export
package io.lanvan.api.trust;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
