package io.lanvan.audit.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanvan.persistence.internal.Database;
import io.lanvan.persistence.internal.DatabaseKind;
import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.OpenSchema;
import io.lanvan.persistence.internal.SchemaDeclaration;
import io.lanvan.testing.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * This bundle's real store on its {@code audit} schema, served by the persistence engine wired by
 * hand (no OSGi) on an H2 file or on the local PostgreSQL in a fresh schema that {@link #close()}
 * drops. Tests reach into the persistence bundle's internals only to serve the schema; the code
 * under test sees the {@link AuditStore}.
 */
public final class RealDatabase implements AutoCloseable {
    private final DatabaseSettings settings;
    private final Database database;
    private final OpenSchema audit;
    private final AuditStore store;

    private RealDatabase(DatabaseSettings settings) {
        this.settings = settings;
        this.database = Database.open(settings);
        // the audit schema as this bundle's manifest declares it, from this class path
        this.audit = database.serve(new SchemaDeclaration(AuditSchema.NAME, "test",
                List.of(AuditRecordRow.class.getName(), AuditCheckpointRow.class.getName()), RealDatabase.class.getClassLoader()));
        this.store = new JpaAuditStore(audit.entityManagerFactory(), audit.connections());
    }

    public static RealDatabase h2(Path folder) {
        return new RealDatabase(new DatabaseSettings(DatabaseKind.H2,
                "jdbc:h2:file:" + folder.resolve("lanvan").toAbsolutePath(), "sa", "", 4, Optional.empty(), "test"));
    }

    /**
     * A fresh schema on the local PostgreSQL; skips the test, saying why, when nothing listens there
     * (and fails under CI, see {@link LocalPostgres#required()}).
     */
    public static RealDatabase postgres(int maxPoolSize) {
        assumeTrue(LocalPostgres.required(), LocalPostgres.skipMessage());
        String schema = "lanvan_test_" + Long.toHexString(System.nanoTime()) + "_" + ProcessHandle.current().pid();
        return new RealDatabase(new DatabaseSettings(DatabaseKind.POSTGRESQL, LocalPostgres.url(), LocalPostgres.user(), "",
                maxPoolSize, Optional.of(schema), "test"));
    }

    public AuditStore store() {
        return store;
    }

    /** The address the engine publishes as the schema's location. */
    public String location() {
        return settings.location();
    }

    public String label() {
        return settings.kind().label();
    }

    /** Runs SQL behind the store's back, as someone with database access would. */
    public int sql(String statement) throws SQLException {
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

    /** The first column of the first row of a query, behind the store's back. */
    public long queryLong(String query) throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
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
