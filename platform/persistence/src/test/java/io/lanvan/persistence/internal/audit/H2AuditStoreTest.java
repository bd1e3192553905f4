package io.lanvan.persistence.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanvan.api.audit.AuditRecord;
import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.TestDatabases;
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
    DatabaseSettings settings() {
        return TestDatabases.h2(folder);
    }

    @Test
    void recordsOutliveClosingAndReopeningTheDatabaseFile() {
        AuditRecord kept = record(1, START, "bundle.installed", "system", "io.lanvan.relay", Map.of("version", "1.0.0"));
        store.append(List.of(kept));
        database.close();
        database = null;

        try (TestDatabases.AuditDatabase reopened = TestDatabases.open(settings)) {
            assertEquals(List.of(kept), List.of(reopened.auditStore().last().orElseThrow()));
        }
    }
}
