package io.lanvan.audit.internal;

import io.lanvan.audit.internal.store.RealDatabase;
import java.nio.file.Path;

/** The anchored audit log on the local PostgreSQL, each test in a fresh schema dropped afterwards. */
class PostgresAnchoredAuditLogTest extends AnchoredAuditLogContract {
    @Override
    RealDatabase openDatabase(Path folder) {
        return RealDatabase.postgres(4);
    }
}
