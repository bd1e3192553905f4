/** How a bundle answers messages on the one {@code /ws} WebSocket every client keeps open. */
@Version("1.2.0")
@Export
package io.lanvan.api.socket;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
