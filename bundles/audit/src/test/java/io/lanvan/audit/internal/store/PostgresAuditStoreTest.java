package io.lanvan.audit.internal.store;

/** The audit store on the local PostgreSQL, each test in a fresh schema that is dropped afterwards. */
class PostgresAuditStoreTest extends AuditStoreContract {
    @Override
    RealDatabase open() {
        return RealDatabase.postgres(4);
    }
}
