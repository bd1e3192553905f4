/**
 * What capability stores have in common: {@link io.lanvan.api.store.StoreException}. Each capability
 * that keeps data declares a schema of its own ({@link io.lanvan.api.persistence.Schema}); 2.0.0
 * removed the admin-account store and 3.0.0 the audit store, which those capabilities now keep in
 * their own schemas.
 */
@Version("3.0.0")
@Export
package io.lanvan.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
