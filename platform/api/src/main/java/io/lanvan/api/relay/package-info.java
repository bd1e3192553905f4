/** The relay used when two browsers find no direct path: what signaling needs to admit a transfer to it. */
@Version("1.1.0")
@Export
package io.lanvan.api.relay;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
