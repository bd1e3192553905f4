package io.lanvan.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final Path FALLBACK = Path.of("/var/lib/bundle-data");

    @Test
    void theConfigurationWinsOverTheLauncherUrlAndTheEnvironment() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                config("jdbc:postgresql://db:5432/lanvan", "app", "s3cret", "audit"),
                Map.of("lanvan.db.url", "jdbc:postgresql://other/x")::get,
                Map.of("LANVAN_DB_USER", "envuser", "LANVAN_DB_PASSWORD", "envpass")::get, FALLBACK);

        assertEquals(DatabaseKind.POSTGRESQL, settings.kind());
        assertEquals("jdbc:postgresql://db:5432/lanvan", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals("s3cret", settings.password());
        assertEquals(Optional.of("audit"), settings.schema());
    }

    @Test
    void withoutAConfiguredUrlTheLauncherUrlIsUsedWithTheEnvironmentsCredentials() {
        DatabaseSettings settings = DatabaseSettings.resolve(config("", "ignored", "ignored", ""),
                Map.of("lanvan.db.url", "jdbc:postgresql://db/lanvan", "lanvan.data", "/srv/lanvan/data")::get,
                Map.of("LANVAN_DB_USER", "envuser", "LANVAN_DB_PASSWORD", "envpass")::get, FALLBACK);

        assertEquals("jdbc:postgresql://db/lanvan", settings.jdbcUrl());
        assertEquals("envuser", settings.user());
        assertEquals("envpass", settings.password());
        assertEquals(Optional.empty(), settings.schema());
    }

    @Test
    void withNothingConfiguredAnH2FileUnderTheDataFolderIsUsed() {
        DatabaseSettings withDataDir = DatabaseSettings.resolve(config("", "", "", ""),
                Map.of("lanvan.data", "/srv/lanvan/data")::get, Map.<String, String>of()::get, FALLBACK);
        DatabaseSettings withoutDataDir = DatabaseSettings.resolve(config("", "", "", ""),
                Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK);

        assertEquals(DatabaseKind.H2, withDataDir.kind());
        assertEquals("jdbc:h2:file:/srv/lanvan/data/db/lanvan", withDataDir.jdbcUrl());
        assertEquals("jdbc:h2:file:/var/lib/bundle-data/db/lanvan", withoutDataDir.jdbcUrl());
    }

    @Test
    void descriptionsForTheLogNeverShowThePassword() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                config("jdbc:postgresql://app:urlsecret@db/lanvan?user=app&password=querysecret&ssl=true", "app", "s3cret", ""),
                Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK);

        String described = settings.describe() + " " + settings;
        assertFalse(described.contains("s3cret"), described);
        assertFalse(described.contains("urlsecret"), described);
        assertFalse(described.contains("querysecret"), described);
        assertTrue(described.contains("ssl=true"), described);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.resolve(
                config("jdbc:mysql://db/x", "", "", ""), Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK));
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.resolve(
                config("", "", "", "Audit; drop"), Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK));

        assertTrue(url.getMessage().startsWith("jdbcUrl must start with"), url.getMessage());
        assertTrue(schema.getMessage().startsWith("schema must be"), schema.getMessage());
    }

    private static PersistenceConfig config(String jdbcUrl, String user, String password, String schema) {
        return new PersistenceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PersistenceConfig.class;
            }

            @Override
            public String jdbcUrl() {
                return jdbcUrl;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public int maxPoolSize() {
                return 10;
            }

            @Override
            public String schema() {
                return schema;
            }
        };
    }
}
