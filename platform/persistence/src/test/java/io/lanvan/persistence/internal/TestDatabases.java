package io.lanvan.persistence.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lanvan.testing.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Real databases for tests: an H2 file in a test's temporary folder, or the local PostgreSQL
 * ({@link LocalPostgres}) in a schema of its own that {@link #dropSchema} removes afterwards. PostgreSQL
 * tests are skipped, saying why, only when nothing listens on 5432, and fail instead under CI.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static DatabaseSettings h2(Path folder) {
        return new DatabaseSettings(DatabaseKind.H2, "jdbc:h2:file:" + folder.resolve("lanvan").toAbsolutePath(), "sa", "",
                4, Optional.empty(), "test");
    }

    /** Settings for a fresh schema on the local PostgreSQL; skips the test if PostgreSQL is not running. */
    public static DatabaseSettings postgres(int maxPoolSize) {
        assumeTrue(LocalPostgres.required(), LocalPostgres.skipMessage());
        String schema = "lanvan_test_" + Long.toHexString(System.nanoTime()) + "_" + ProcessHandle.current().pid();
        return new DatabaseSettings(DatabaseKind.POSTGRESQL, LocalPostgres.url(), LocalPostgres.user(), "", maxPoolSize,
                Optional.of(schema), "test");
    }

    public static DatabaseSettings postgres() {
        return postgres(4);
    }

    /** Runs SQL on its own connection, in the settings' schema (as a tamperer with database access would). */
    public static int execute(DatabaseSettings settings, String sql) throws SQLException {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            settings.schema().ifPresent(schema -> setSchema(connection, settings.kind().schemaName(schema)));
            return statement.executeUpdate(sql);
        }
    }

    /** The first column of the first row of a query, on its own connection in the settings' schema. */
    public static long queryLong(DatabaseSettings settings, String sql) throws SQLException {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            settings.schema().ifPresent(schema -> setSchema(connection, settings.kind().schemaName(schema)));
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    public static void dropSchema(DatabaseSettings settings) throws SQLException {
        if (settings.kind() == DatabaseKind.POSTGRESQL && settings.schema().isPresent()) {
            try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + settings.schema().get() + " cascade");
            }
        }
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", settings.user());
        login.setProperty("password", settings.password());
        return settings.kind().driver().connect(settings.jdbcUrl(), login);
    }

    private static void setSchema(Connection connection, String schema) {
        try {
            connection.setSchema(schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
