package io.lanvan.api.persistence;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the persistence engine knows about every declared schema that is not in service: still
 * waiting for the database, or failed to migrate or validate. Readiness checks ask it.
 */
@ProviderType
public interface SchemaHealth {
    /** The schemas of active bundles that have no EntityManagerFactory, with why; empty when all are served. */
    List<SchemaProblem> problems();
}
