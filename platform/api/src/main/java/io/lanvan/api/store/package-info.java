/**
 * Storage services the platform still offers to capability bundles, with plain types only. A
 * capability that keeps data declares a schema of its own instead ({@link io.lanvan.api.persistence.Schema});
 * 2.0.0 removed the admin-account store, which the admin capability now keeps in its own schema.
 */
@Version("2.0.0")
@Export
package io.lanvan.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
