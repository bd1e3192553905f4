package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanvan.api.store.AuditStore;
import io.lanvan.persistence.internal.Database;
import io.lanvan.persistence.internal.DatabaseKind;
import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.OpenSchema;
import io.lanvan.persistence.internal.SchemaDeclaration;
import io.lanvan.persistence.internal.audit.AuditCheckpointRow;
import io.lanvan.persistence.internal.audit.AuditRecordRow;
import io.lanvan.persistence.internal.audit.HibernateAuditStore;
import io.lanvan.testing.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.hibernate.SessionFactory;

/**
 * The persistence bundle's real store, wired by hand (no OSGi) on an H2 file or on the local
 * PostgreSQL in a fresh schema that {@link #close()} drops. Tests reach into the persistence
 * bundle's internals only to build it; the audit code under test sees the {@link AuditStore} API.
 */
final class RealDatabase implements AutoCloseable {
    private final DatabaseSettings settings;
    private final Database database;
    private final OpenSchema audit;
    private final AuditStore store;

    private RealDatabase(DatabaseSettings settings) {
        this.settings = settings;
        this.database = Database.open(settings);
        // the audit schema as the persistence bundle's manifest declares it, from this class path
        this.audit = database.serve(new SchemaDeclaration("audit", "test",
                List.of(AuditRecordRow.class.getName(), AuditCheckpointRow.class.getName()), RealDatabase.class.getClassLoader()));
        this.store = new HibernateAuditStore(audit.entityManagerFactory().unwrap(SessionFactory.class));
    }

    static RealDatabase h2(Path folder) {
        return new RealDatabase(new DatabaseSettings(DatabaseKind.H2,
                "jdbc:h2:file:" + folder.resolve("lanvan").toAbsolutePath(), "sa", "", 4, Optional.empty(), "test"));
    }

    /**
     * A fresh schema on the local PostgreSQL; skips the test, saying why, when nothing listens there
     * (and fails under CI, see {@link LocalPostgres#required()}).
     */
    static RealDatabase postgres(int maxPoolSize) {
        assumeTrue(LocalPostgres.required(), LocalPostgres.skipMessage());
        String schema = "lanvan_test_" + Long.toHexString(System.nanoTime()) + "_" + ProcessHandle.current().pid();
        return new RealDatabase(new DatabaseSettings(DatabaseKind.POSTGRESQL, LocalPostgres.url(), LocalPostgres.user(), "",
                maxPoolSize, Optional.of(schema), "test"));
    }

    AuditStore store() {
        return store;
    }

    /** The address the persistence bundle publishes as the store's location. */
    String location() {
        return settings.location();
    }

    String label() {
        return settings.kind().label();
    }

    /** Runs SQL behind the store's back, as someone with database access would. */
    int sql(String statement) throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            return sql.executeUpdate(statement);
        }
    }

    @Override
    public void close() throws SQLException {
        audit.close();
        database.close();
        if (settings.kind() == DatabaseKind.POSTGRESQL) {
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("drop schema if exists " + settings.schema().orElseThrow() + " cascade");
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        if (settings.schema().isPresent()) {
            connection.setSchema(settings.schema().get());
        }
        return connection;
    }
}
