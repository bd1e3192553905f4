package io.lanvan.trust.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanvan.persistence.internal.Database;
import io.lanvan.persistence.internal.DatabaseKind;
import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.OpenSchema;
import io.lanvan.persistence.internal.SchemaDeclaration;
import io.lanvan.testing.LocalPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * This bundle's schema {@code trust}, served by the persistence engine wired by hand (no OSGi) on an
 * H2 file or on the local PostgreSQL in a fresh schema that {@link #close()} drops.
 */
final class TrustDatabase implements AutoCloseable {
    private final DatabaseSettings settings;
    private final Database database;
    private final OpenSchema trust;

    private TrustDatabase(DatabaseSettings settings) {
        this.settings = settings;
        this.database = Database.open(settings);
        this.trust = database.serve(new SchemaDeclaration(DeviceTrust.SCHEMA, "test", List.of(TrustDeviceRow.class.getName(),
                TrustEventRow.class.getName(), TrustReportRow.class.getName()), TrustDatabase.class.getClassLoader()));
    }

    static TrustDatabase h2(Path folder) {
        return new TrustDatabase(new DatabaseSettings(DatabaseKind.H2,
                "jdbc:h2:file:" + folder.resolve("lanvan").toAbsolutePath(), "sa", "", 4, Optional.empty(), "test"));
    }

    /** Skips the test, saying why, when nothing listens on 5432 (fails under CI, see {@link LocalPostgres#required()}). */
    static TrustDatabase postgres() {
        assumeTrue(LocalPostgres.required(), LocalPostgres.skipMessage());
        String schema = "lanvan_trust_test_" + Long.toHexString(System.nanoTime());
        return new TrustDatabase(new DatabaseSettings(DatabaseKind.POSTGRESQL, LocalPostgres.url(), LocalPostgres.user(), "",
                4, Optional.of(schema), "test"));
    }

    EntityManagerFactory entities() {
        return trust.entityManagerFactory();
    }

    @Override
    public void close() throws Exception {
        trust.close();
        database.close();
        if (settings.kind() == DatabaseKind.POSTGRESQL) {
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("drop schema if exists " + settings.schema().orElseThrow() + " cascade");
            }
        }
    }
}
