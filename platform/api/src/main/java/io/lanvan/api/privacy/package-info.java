/**
 * Personal data a capability holds about a device, and how an admin exports and erases it (GDPR
 * access and erasure). Each stateful capability registers a {@link io.lanvan.api.privacy.PersonalDataHolder};
 * the admin capability asks every registered holder, so a new capability needs no platform change.
 */
@Version("1.0.0")
@Export
package io.lanvan.api.privacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
