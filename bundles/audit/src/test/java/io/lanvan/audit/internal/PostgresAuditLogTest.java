package io.lanvan.audit.internal;

import io.lanvan.audit.internal.store.RealDatabase;

/** The audit log on the local PostgreSQL, each test in a fresh schema dropped afterwards. */
class PostgresAuditLogTest extends ChainedAuditLogContract {
    @Override
    RealDatabase openDatabase() {
        return RealDatabase.postgres(4);
    }
}
