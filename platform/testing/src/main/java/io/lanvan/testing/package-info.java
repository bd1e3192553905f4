/** Test support shared by every LANVan test module: waiting, a hand-moved clock, the local PostgreSQL, a device with a real key. */
@Export
@Version("1.2.0")
package io.lanvan.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
