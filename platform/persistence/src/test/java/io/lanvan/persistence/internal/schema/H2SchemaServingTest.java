package io.lanvan.persistence.internal.schema;

import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Schemas served on an embedded H2 file. */
class H2SchemaServingTest extends SchemaServingContract {
    @TempDir
    Path folder;

    @Override
    DatabaseSettings settings() {
        return TestDatabases.h2(folder);
    }
}
