package io.lanvan.audit.internal;

import io.lanvan.audit.internal.store.RealDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on an embedded H2 file in a temporary folder. */
class H2AuditLogTest extends ChainedAuditLogContract {
    @TempDir
    Path folder;

    @Override
    RealDatabase openDatabase() {
        return RealDatabase.h2(folder);
    }
}
