/** The devices connected to the server, as admins see and govern them. */
@Version("1.0.0")
@Export
package io.lanvan.api.devices;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
