package io.lanvan.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lanvan.api.persistence.SchemaProblem;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * The open database: a connection pool that every schema shares. Each declared schema is put in
 * service on its own ({@link #serve}): its migrations applied by Flyway with a history table of its
 * own, then Hibernate validated against them (without runtime proxies: {@link NoRuntimeProxies}). Opening the pool and serving a schema take seconds
 * (Hibernate's bootstrap dominates), so callers do it off the framework's threads. Closing releases
 * the pool; it does not deregister the JDBC drivers.
 */
public final class Database implements AutoCloseable {
    private final DatabaseSettings settings;
    private final HikariDataSource pool;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Creates the configured schema if missing and opens the pool; no migration runs yet. */
    public static Database open(DatabaseSettings settings) {
        settings.schema().ifPresent(schema -> createSchema(settings, settings.kind().schemaName(schema)));
        return new Database(settings, new HikariDataSource(poolConfig(settings)));
    }

    public DatabaseKind kind() {
        return settings.kind();
    }

    /** Where the database is, without credentials. */
    public String location() {
        return settings.location();
    }

    /**
     * Applies the schema's migrations (from {@code db/<name>/} of its class loader, history in
     * {@code flyway_<name>_history}) and starts Hibernate over its entities with schema validation.
     *
     * @throws SchemaFailure naming the schema, the failed migration if one did, and why
     */
    public OpenSchema serve(SchemaDeclaration schema) {
        try {
            migrate(schema);
        } catch (FlywayMigrateException e) {
            String version = e.getMigration() == null || e.getMigration().getVersion() == null ? ""
                    : e.getMigration().getVersion().getVersion();
            throw failure(schema, version, e);
        } catch (FlywayException e) {
            throw failure(schema, "", e);
        }
        EntityManagerFactory factory;
        try {
            factory = entityManagerFactory(schema);
        } catch (RuntimeException e) {
            throw failure(schema, "", e);
        }
        List<String> foreign = tablesWithoutPrefix(schema, factory);
        if (!foreign.isEmpty()) {
            factory.close();
            throw new SchemaFailure(new SchemaProblem(schema.name(), schema.owner(), "", "entities map tables outside the schema: "
                    + String.join(", ", foreign) + " (table names must start with " + schema.name() + "_)"), null);
        }
        return new OpenSchema(schema, factory, new SchemaConnections(pool));
    }

    /**
     * The mapped tables not named after the schema. All schemas share one database schema, so the
     * prefix is what keeps one capability's entities off another's tables.
     */
    private static List<String> tablesWithoutPrefix(SchemaDeclaration schema, EntityManagerFactory factory) {
        List<String> foreign = new ArrayList<>();
        factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().forEachEntityDescriptor(entity -> {
            for (String qualified : ((AbstractEntityPersister) entity).getTableNames()) {
                String table = qualified.substring(qualified.lastIndexOf('.') + 1).replace("\"", "").toLowerCase(Locale.ROOT);
                if (!table.startsWith(schema.name() + "_") && !foreign.contains(table)) {
                    foreign.add(table);
                }
            }
        });
        return foreign;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void migrate(SchemaDeclaration schema) {
        var flyway = Flyway.configure(schema.classLoader())
                .dataSource(pool)
                .locations(schema.migrations())
                .table(schema.historyTable())
                .failOnMissingLocations(true) // otherwise "no migrations found" is a warning and the schema stays empty
                // Several schemas share one database schema: the second finds it non-empty without its own
                // history. Baseline 0 records that history and still applies every migration from V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .loggers("slf4j");
        settings.schema().map(name -> settings.kind().schemaName(name))
                .ifPresent(name -> flyway.schemas(name).defaultSchema(name));
        flyway.load().migrate();
    }

    private EntityManagerFactory entityManagerFactory(SchemaDeclaration schema) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("hibernate.hbm2ddl.auto", "validate");
        properties.put("hibernate.jdbc.time_zone", "UTC");
        settings.schema().ifPresent(name -> properties.put("hibernate.default_schema", settings.kind().schemaName(name)));
        return new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(new BundlePersistenceUnit(schema.name(), schema.classLoader(), pool,
                        schema.entityClassNames()), properties);
    }

    private static SchemaFailure failure(SchemaDeclaration schema, String version, RuntimeException e) {
        return new SchemaFailure(new SchemaProblem(schema.name(), schema.owner(), version, oneLine(e)), e);
    }

    /**
     * The most telling message of a failure, on one line: the innermost cause's (the database's error,
     * Hibernate's schema validation), as the outer ones say only that building or migrating failed.
     */
    private static String oneLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : failure.getMessage();
        String text = (message == null ? root.getClass().getSimpleName() : message).replaceAll("\\s+", " ").trim();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static void createSchema(DatabaseSettings settings, String schema) {
        try (Connection connection = connections(settings).getConnection(); Statement statement = connection.createStatement()) {
            // the name was checked against [a-z_][a-z0-9_]* and folded as the database folds it: safe to quote
            statement.execute("create schema if not exists \"" + schema + "\"");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lanvan-db");
        config.setDataSource(connections(settings));
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(10_000);
        settings.schema().ifPresent(schema -> config.setSchema(settings.kind().schemaName(schema)));
        return config;
    }

    private static DriverConnections connections(DatabaseSettings settings) {
        Properties login = new Properties();
        settings.kind().tune(login);
        if (!settings.user().isEmpty()) {
            login.setProperty("user", settings.user());
        }
        login.setProperty("password", settings.password());
        return new DriverConnections(settings.kind().driver(), settings.jdbcUrl(), login);
    }
}
