/** Test support shared by every LANVan test module: waiting, a hand-moved clock, the local PostgreSQL. */
@Export
@Version("1.1.0")
package io.lanvan.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
