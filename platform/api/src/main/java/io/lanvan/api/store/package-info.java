/**
 * Storage services the persistence bundle offers to capability bundles, with plain types only:
 * JPA and the database stay inside the persistence bundle.
 */
@Version("1.1.0")
@Export
package io.lanvan.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
