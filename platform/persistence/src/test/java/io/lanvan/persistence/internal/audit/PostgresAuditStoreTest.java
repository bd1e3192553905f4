package io.lanvan.persistence.internal.audit;

import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.TestDatabases;

/** The audit store on the local PostgreSQL, each test in a fresh schema that is dropped afterwards. */
class PostgresAuditStoreTest extends AuditStoreContract {
    @Override
    DatabaseSettings settings() {
        return TestDatabases.postgres();
    }
}
