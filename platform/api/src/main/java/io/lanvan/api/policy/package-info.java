/** The deployment mode and policies every capability enforces, and how changes reach them. */
@Version("2.0.0")
@Export
package io.lanvan.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
