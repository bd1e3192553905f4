package io.lanvan.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lanvan.api.store.AuditStore;
import io.lanvan.persistence.internal.audit.AuditCheckpointRow;
import io.lanvan.persistence.internal.audit.AuditRecordRow;
import io.lanvan.api.store.AdminAccountStore;
import io.lanvan.persistence.internal.admin.AdminAccountRow;
import io.lanvan.persistence.internal.admin.HibernateAdminAccountStore;
import io.lanvan.persistence.internal.audit.HibernateAuditStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The open database: a connection pool, a schema migrated by Flyway, and Hibernate validated
 * against it. Opening takes seconds (Hibernate's bootstrap dominates), so callers do it off the
 * framework's threads. Closing releases the pool; it does not deregister the JDBC drivers.
 */
public final class Database implements AutoCloseable {
    /** Every entity of the persistence unit; Hibernate validates exactly these against Flyway's schema. */
    static final List<Class<?>> ENTITIES = List.of(AuditRecordRow.class, AuditCheckpointRow.class, AdminAccountRow.class);

    private final DatabaseKind kind;
    private final HikariDataSource pool;
    private final SessionFactory sessionFactory;
    private final AuditStore auditStore;
    private final AdminAccountStore adminAccounts;

    private Database(DatabaseKind kind, HikariDataSource pool, SessionFactory sessionFactory) {
        this.kind = kind;
        this.pool = pool;
        this.sessionFactory = sessionFactory;
        this.auditStore = new HibernateAuditStore(sessionFactory);
        this.adminAccounts = new HibernateAdminAccountStore(sessionFactory);
    }

    /**
     * Creates the configured schema if missing, opens the pool, applies the migrations found in
     * {@code db/migration} of {@code classLoader} and starts Hibernate with schema validation.
     */
    public static Database open(DatabaseSettings settings, ClassLoader classLoader) {
        settings.schema().ifPresent(schema -> createSchema(settings, settings.kind().schemaName(schema)));
        HikariDataSource pool = new HikariDataSource(poolConfig(settings));
        try {
            migrate(settings, pool, classLoader);
            return new Database(settings.kind(), pool, sessionFactory(settings, pool, classLoader));
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    public AuditStore auditStore() {
        return auditStore;
    }

    /** A store service this database offers, under its API type. */
    public record Store<T>(Class<T> type, T service) {
    }

    /** Every store service to register once the database is open; a new store is added here. */
    public List<Store<?>> stores() {
        return List.of(new Store<>(AuditStore.class, auditStore), new Store<>(AdminAccountStore.class, adminAccounts));
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            pool.close();
        }
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

    private static void migrate(DatabaseSettings settings, HikariDataSource pool, ClassLoader classLoader) {
        var flyway = Flyway.configure(classLoader)
                .dataSource(pool)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true) // otherwise "no migrations found" is a warning and the schema stays empty
                .loggers("slf4j");
        settings.schema().map(schema -> settings.kind().schemaName(schema))
                .ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
        flyway.load().migrate();
    }

    private static SessionFactory sessionFactory(DatabaseSettings settings, HikariDataSource pool, ClassLoader classLoader) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("hibernate.hbm2ddl.auto", "validate");
        properties.put("hibernate.jdbc.time_zone", "UTC");
        settings.schema().ifPresent(schema -> properties.put("hibernate.default_schema", settings.kind().schemaName(schema)));
        return new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(new BundlePersistenceUnit(classLoader, pool, ENTITIES), properties)
                .unwrap(SessionFactory.class);
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
