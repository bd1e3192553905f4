package io.lanvan.audit.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanvan.api.audit.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit store on an embedded H2 file. */
class H2AuditStoreTest extends AuditStoreContract {
    @TempDir
    Path folder;

    @Override
    RealDatabase open() {
        return RealDatabase.h2(folder);
    }

    @Test
    void recordsOutliveClosingAndReopeningTheDatabaseFile() throws Exception {
        AuditRecord kept = record(1, START, "bundle.installed", "system", "io.lanvan.relay", Map.of("version", "1.0.0"));
        store.append(List.of(kept));
        database.close();
        database = null;

        try (RealDatabase reopened = RealDatabase.h2(folder)) {
            assertEquals(List.of(kept), List.of(reopened.store().last().orElseThrow()));
        }
    }
}
