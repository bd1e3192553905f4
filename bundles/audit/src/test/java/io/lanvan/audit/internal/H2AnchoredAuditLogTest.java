package io.lanvan.audit.internal;

import io.lanvan.audit.internal.store.RealDatabase;
import java.nio.file.Path;

/** The anchored audit log on an embedded H2 file in a temporary folder. */
class H2AnchoredAuditLogTest extends AnchoredAuditLogContract {
    @Override
    RealDatabase openDatabase(Path folder) {
        return RealDatabase.h2(folder);
    }
}
