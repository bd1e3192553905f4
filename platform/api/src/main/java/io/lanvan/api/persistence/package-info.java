/**
 * How a bundle owns data: it declares a schema in its manifest, ships its migrations and entities, and
 * receives a JPA {@code EntityManagerFactory} from the persistence engine once its schema is migrated.
 */
@Version("1.0.0")
@Export
package io.lanvan.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
