/**
 * Contracts between the launcher, the platform and every bundle: manifest headers and framework properties.
 *
 * <p>1.1.0 renamed {@code ServerProperties} to {@link io.lanvan.api.platform.LaunchProperties} and added the
 * database URL and CA names: a break in form, but the package was never released (0.1.0-SNAPSHOT), so no
 * consumer can hold the old name and a minor step says what changed.
 */
@Version("1.1.0")
@Export
package io.lanvan.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
