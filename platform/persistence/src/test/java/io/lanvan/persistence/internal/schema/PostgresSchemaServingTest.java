package io.lanvan.persistence.internal.schema;

import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.TestDatabases;

/** Schemas served on the local PostgreSQL, in a fresh database schema per test, dropped afterwards. */
class PostgresSchemaServingTest extends SchemaServingContract {
    @Override
    DatabaseSettings settings() {
        return TestDatabases.postgres();
    }
}
