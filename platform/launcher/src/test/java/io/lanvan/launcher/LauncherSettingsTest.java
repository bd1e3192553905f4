package io.lanvan.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.launcher.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsPutEverythingUnderHomeAndListenOnEveryAddress() throws Exception {
        LauncherSettings settings = LauncherSettings.load(home, Map.of());

        assertEquals(home.resolve("data"), settings.dataDir());
        assertEquals(home.resolve("logs"), settings.logsDir());
        assertEquals(home.resolve("etc"), settings.etcDir());
        assertEquals(home.resolve("system"), settings.systemDir());
        assertEquals(home.resolve("plugins"), settings.pluginsDir());
        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(8443, settings.httpsPort());
        assertEquals(8080, settings.httpPort());
        assertEquals(Optional.empty(), settings.databaseUrl());
        assertTrue(settings.tls().usesLocalCa());
    }

    @Test
    void propertiesFileOverridesTheDefaults() throws Exception {
        writeProperties("https.port=9443", "http.port=off", "bind=192.168.1.10", "db.url=jdbc:postgresql://db/lanvan");

        LauncherSettings settings = LauncherSettings.load(home, Map.of());

        assertEquals(9443, settings.httpsPort());
        assertEquals(0, settings.httpPort());
        assertEquals("192.168.1.10", settings.bindAddress());
        assertEquals(Optional.of("jdbc:postgresql://db/lanvan"), settings.databaseUrl());
    }

    @Test
    void environmentOverridesThePropertiesFile() throws Exception {
        writeProperties("https.port=9443", "bind=192.168.1.10");

        LauncherSettings settings = LauncherSettings.load(home, Map.of("LANVAN_HTTPS_PORT", "10443", "LANVAN_BIND", "::"));

        assertEquals(10443, settings.httpsPort());
        assertEquals("::", settings.bindAddress());
    }

    @Test
    void blankEnvironmentVariableCountsAsUnset() throws Exception {
        writeProperties("https.port=9443");

        assertEquals(9443, LauncherSettings.load(home, Map.of("LANVAN_HTTPS_PORT", " ")).httpsPort());
    }

    @Test
    void relativeDataDirResolvesAgainstHome() throws Exception {
        LauncherSettings settings = LauncherSettings.load(home, Map.of("LANVAN_DATA", "var/lanvan"));

        assertEquals(home.resolve("var/lanvan"), settings.dataDir());
    }

    @Test
    void absoluteDataDirIsKept(@TempDir Path elsewhere) throws Exception {
        LauncherSettings settings = LauncherSettings.load(home, Map.of("LANVAN_DATA", elsewhere.toString()));

        assertEquals(elsewhere, settings.dataDir());
    }

    @Test
    void httpPortZeroTurnsPlainHttpOff() throws Exception {
        assertEquals(0, LauncherSettings.load(home, Map.of("LANVAN_HTTP_PORT", "0")).httpPort());
        assertEquals(0, LauncherSettings.load(home, Map.of("LANVAN_HTTP_PORT", "OFF")).httpPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LANVAN_HTTPS_PORT | abc       | LANVAN_HTTPS_PORT must be a port number 1-65535, was 'abc'",
        "LANVAN_HTTPS_PORT | 0         | LANVAN_HTTPS_PORT must be a port number 1-65535, was '0'",
        "LANVAN_HTTPS_PORT | 65536     | LANVAN_HTTPS_PORT must be a port number 1-65535, was '65536'",
        "LANVAN_HTTP_PORT  | -1        | LANVAN_HTTP_PORT must be a port number 1-65535, or 0 or 'off'",
        "LANVAN_BIND       | localhost | LANVAN_BIND must be an IP address",
        "LANVAN_BIND       | 10.0.0.256 | LANVAN_BIND must be an IP address",
        "LANVAN_DB_URL     | postgres://db/lanvan | LANVAN_DB_URL must be a JDBC URL starting with 'jdbc:postgresql://' or 'jdbc:h2:file:'",
    })
    void invalidValueIsRefusedNamingTheVariableAndTheRule(String variable, String value, String message) {
        var failure = assertThrows(InvalidSettingsException.class, () -> LauncherSettings.load(home, Map.of(variable, value)));

        assertTrue(failure.getMessage().startsWith(message), failure.getMessage());
    }

    @Test
    void aDatabaseUrlWithH2OptionsOrInMemoryIsRefusedBeforeTheServerStarts() {
        for (String url : new String[] {"jdbc:h2:mem:x;INIT=CALL FILE_WRITE(X'00', '/tmp/x.jar')",
                "jdbc:h2:file:/srv/lanvan/data/db/lanvan;INIT=RUNSCRIPT FROM 'http://x/y.sql'", "jdbc:h2:mem:x",
                "jdbc:mysql://db/lanvan"}) {
            var failure = assertThrows(InvalidSettingsException.class,
                    () -> LauncherSettings.load(home, Map.of("LANVAN_DB_URL", url)), url);

            assertTrue(failure.getMessage().startsWith("LANVAN_DB_URL must be a JDBC URL starting with"), failure.getMessage());
            assertFalse(failure.getMessage().contains("FILE_WRITE"), "the URL is not echoed: " + failure.getMessage());
        }
    }

    @Test
    void serverNamesAreReadAsACommaSeparatedListOfDnsNames() throws Exception {
        writeProperties("tls.names=LANVan.corp.example.com, files.corp.example.com");

        assertEquals(List.of("lanvan.corp.example.com", "files.corp.example.com"),
                LauncherSettings.load(home, Map.of()).serverNames());
    }

    @Test
    void serverNamesThatAreWildcardsOrAddressesAreRefused() {
        for (String names : new String[] {"*.corp.example.com", "10.0.0.1", "lanvan_corp", "a..b"}) {
            var failure = assertThrows(InvalidSettingsException.class,
                    () -> LauncherSettings.load(home, Map.of("LANVAN_TLS_NAMES", names)), names);

            assertTrue(failure.getMessage().startsWith("LANVAN_TLS_NAMES must be DNS names"), failure.getMessage());
        }
    }

    @Test
    void invalidValueInThePropertiesFileNamesTheKeyAndTheFile() throws Exception {
        writeProperties("https.port=secure");

        var failure = assertThrows(InvalidSettingsException.class, () -> LauncherSettings.load(home, Map.of()));

        assertTrue(failure.getMessage().startsWith("https.port in " + home.resolve("etc/lanvan.properties")),
                failure.getMessage());
    }

    @Test
    void httpsAndHttpOnTheSamePortAreRefused() {
        var failure = assertThrows(InvalidSettingsException.class,
                () -> LauncherSettings.load(home, Map.of("LANVAN_HTTPS_PORT", "8080")));

        assertTrue(failure.getMessage().contains("LANVAN_HTTPS_PORT"), failure.getMessage());
        assertTrue(failure.getMessage().contains("LANVAN_HTTP_PORT"), failure.getMessage());
    }

    @Test
    void certificateWithoutKeyIsRefused() {
        var failure = assertThrows(InvalidSettingsException.class,
                () -> LauncherSettings.load(home, Map.of("LANVAN_TLS_CERT", "etc/server.crt")));

        assertTrue(failure.getMessage().startsWith("LANVAN_TLS_CERT is set but LANVAN_TLS_KEY"), failure.getMessage());
    }

    @Test
    void keyWithoutCertificateIsRefused() throws Exception {
        writeProperties("tls.key=etc/server.key");

        var failure = assertThrows(InvalidSettingsException.class, () -> LauncherSettings.load(home, Map.of()));

        assertTrue(failure.getMessage().startsWith("tls.key in "), failure.getMessage());
        assertTrue(failure.getMessage().contains("LANVAN_TLS_CERT (tls.certificate) is not"), failure.getMessage());
    }

    @Test
    void pkcs12AndPemTogetherAreRefused() {
        var failure = assertThrows(InvalidSettingsException.class, () -> LauncherSettings.load(home, Map.of(
                "LANVAN_TLS_PKCS12", "etc/server.p12", "LANVAN_TLS_CERT", "etc/server.crt", "LANVAN_TLS_KEY", "etc/server.key")));

        assertTrue(failure.getMessage().contains("not both"), failure.getMessage());
    }

    @Test
    void pkcs12PasswordWithoutAFileIsRefused() {
        var failure = assertThrows(InvalidSettingsException.class,
                () -> LauncherSettings.load(home, Map.of("LANVAN_TLS_PKCS12_PASSWORD", "secret")));

        assertTrue(failure.getMessage().startsWith("LANVAN_TLS_PKCS12_PASSWORD is set but LANVAN_TLS_PKCS12"),
                failure.getMessage());
    }

    @Test
    void tlsFilesResolveAgainstHome() throws Exception {
        LauncherSettings settings = LauncherSettings.load(home,
                Map.of("LANVAN_TLS_CERT", "etc/server.crt", "LANVAN_TLS_KEY", "etc/server.key"));

        assertEquals(TlsSettings.pem(home.resolve("etc/server.crt"), home.resolve("etc/server.key")), settings.tls());
    }

    @Test
    void pkcs12FileComesWithItsPassword() throws Exception {
        writeProperties("tls.pkcs12=/srv/tls/server.p12", "tls.pkcs12.password=from-file");

        LauncherSettings settings = LauncherSettings.load(home, Map.of("LANVAN_TLS_PKCS12_PASSWORD", "from-env"));

        assertEquals(TlsSettings.pkcs12(Path.of("/srv/tls/server.p12"), Optional.of("from-env")), settings.tls());
    }

    @Test
    void descriptionNamesThePlacesButNoPassword() throws Exception {
        LauncherSettings settings = LauncherSettings.load(home, Map.of(
                "LANVAN_TLS_PKCS12", "etc/server.p12",
                "LANVAN_TLS_PKCS12_PASSWORD", "p12-secret",
                "LANVAN_DB_URL", "jdbc:postgresql://lanvan:db-secret@db/lanvan?user=lanvan&password=db-secret2"));

        String description = settings.describe();

        assertTrue(description.contains(home.resolve("data").toString()), description);
        assertTrue(description.contains(home.resolve("etc/server.p12").toString()), description);
        assertTrue(description.contains("8443"), description);
        for (String secret : new String[] {"p12-secret", "db-secret", "db-secret2"}) {
            assertFalse(description.contains(secret), description);
            assertFalse(settings.toString().contains(secret), settings.toString());
        }
    }

    @Test
    void descriptionSaysWhenPlainHttpIsOff() throws Exception {
        String description = LauncherSettings.load(home, Map.of("LANVAN_HTTP_PORT", "off")).describe();

        assertTrue(description.lines().anyMatch(line -> line.contains("HTTP:") && line.endsWith("off")), description);
    }

    private void writeProperties(String... lines) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.write(home.resolve("etc/lanvan.properties"), List.of(lines));
    }
}
