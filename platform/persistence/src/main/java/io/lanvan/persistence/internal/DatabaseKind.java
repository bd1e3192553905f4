package io.lanvan.persistence.internal;

import java.sql.Driver;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/** The databases LANVan runs on, told apart by their JDBC URL. */
public enum DatabaseKind {
    H2("h2", "jdbc:h2:", org.h2.Driver::new) {
        @Override
        String schemaName(String configured) {
            return configured.toUpperCase(Locale.ROOT); // H2 folds unquoted names to upper case
        }
    },
    POSTGRESQL("postgresql", "jdbc:postgresql:", org.postgresql.Driver::new) {
        @Override
        void tune(Properties connection) {
            // one multi-row INSERT per JDBC batch: the audit log's group commit relies on it
            connection.setProperty("reWriteBatchedInserts", "true");
            connection.setProperty("ApplicationName", "LANVan");
        }
    };

    private final String label;
    private final String urlPrefix;
    private final Supplier<Driver> driver;

    DatabaseKind(String label, String urlPrefix, Supplier<Driver> driver) {
        this.label = label;
        this.urlPrefix = urlPrefix;
        this.driver = driver;
    }

    public static DatabaseKind of(String jdbcUrl) {
        for (DatabaseKind kind : values()) {
            if (jdbcUrl.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: or jdbc:h2:, was "
                + DatabaseSettings.redact(jdbcUrl));
    }

    /** The value of the {@code lanvan.database} property of served schemas. */
    public String label() {
        return label;
    }

    Driver driver() {
        return driver.get();
    }

    /** The schema's name as the database stores it (what an unquoted {@code configured} becomes). */
    String schemaName(String configured) {
        return configured;
    }

    /** Driver-specific connection properties. */
    void tune(Properties connection) {
    }
}
