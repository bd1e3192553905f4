/** Contracts between the launcher, the platform and every bundle: manifest headers and framework properties. */
@Version("1.0.0")
@Export
package io.lanvan.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
