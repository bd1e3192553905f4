package io.lanvan.launcher;

import io.lanvan.launcher.tls.TlsSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * Where LANVan keeps its files and how it listens: the few settings needed before the OSGi framework
 * starts. Each comes from an environment variable, else from {@code etc/lanvan.properties}, else a
 * default; environment variables win so containers can override a packaged file.
 *
 * @param httpPort    0 when the plain HTTP port is off
 * @param tls         where the server certificate comes from; paths in it are absolute
 * @param serverNames DNS names users reach the server by besides the machine's own (e.g. a name IT gave it),
 *                    for the local CA's scope and the server certificate
 */
public record LauncherSettings(Path home, Path dataDir, Path logsDir, Path etcDir, Path systemDir, Path pluginsDir,
                               String bindAddress, int httpsPort, int httpPort, Optional<String> databaseUrl,
                               TlsSettings tls, List<String> serverNames) {

    static final String PROPERTIES_FILE = "lanvan.properties";

    private static final Setting HTTPS_PORT = new Setting("LANVAN_HTTPS_PORT", "https.port");
    private static final Setting HTTP_PORT = new Setting("LANVAN_HTTP_PORT", "http.port");
    private static final Setting DATA = new Setting("LANVAN_DATA", "data.dir");
    private static final Setting BIND = new Setting("LANVAN_BIND", "bind");
    private static final Setting DB_URL = new Setting("LANVAN_DB_URL", "db.url");
    private static final Setting TLS_PKCS12 = new Setting("LANVAN_TLS_PKCS12", "tls.pkcs12");
    private static final Setting TLS_PKCS12_PASSWORD = new Setting("LANVAN_TLS_PKCS12_PASSWORD", "tls.pkcs12.password");
    private static final Setting TLS_CERT = new Setting("LANVAN_TLS_CERT", "tls.certificate");
    private static final Setting TLS_KEY = new Setting("LANVAN_TLS_KEY", "tls.key");
    private static final Setting TLS_NAMES = new Setting("LANVAN_TLS_NAMES", "tls.names");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public LauncherSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(tls, "tls");
        serverNames = List.copyOf(serverNames);
    }

    /**
     * Reads the settings for the installation at {@code home}.
     *
     * @param env the process environment ({@code System.getenv()}); blank values count as unset
     */
    public static LauncherSettings load(Path home, Map<String, String> env) throws InvalidSettingsException {
        Path root = home.toAbsolutePath().normalize();
        Path etc = root.resolve("etc");
        Sources sources = new Sources(env, readProperties(etc.resolve(PROPERTIES_FILE)), etc.resolve(PROPERTIES_FILE));
        int httpsPort = port(sources.get(HTTPS_PORT), false).orElse(8443);
        int httpPort = port(sources.get(HTTP_PORT), true).orElse(8080);
        if (httpPort == httpsPort) {
            throw new InvalidSettingsException(HTTPS_PORT.env() + " (" + HTTPS_PORT.key() + ") and " + HTTP_PORT.env()
                    + " (" + HTTP_PORT.key() + ") must differ, both are " + httpsPort + "; set the HTTP port to 'off' to disable it");
        }
        Path data = path(root, sources.get(DATA)).orElse(root.resolve("data"));
        return new LauncherSettings(root, data, root.resolve("logs"), etc, root.resolve("system"), root.resolve("plugins"),
                bindAddress(sources.get(BIND)), httpsPort, httpPort, databaseUrl(sources.get(DB_URL)), tls(root, sources),
                serverNames(sources.get(TLS_NAMES)));
    }

    /** A summary for the start-up log and the console; secrets are left out or masked. */
    public String describe() {
        return String.join(System.lineSeparator(),
                "LANVan home:     " + home,
                "  data:          " + dataDir,
                "  logs:          " + logsDir,
                "  etc:           " + etcDir,
                "  system:        " + systemDir,
                "  plugins:       " + pluginsDir,
                "  HTTPS:         " + bindAddress + " port " + httpsPort,
                "  HTTP:          " + (httpPort == 0 ? "off" : bindAddress + " port " + httpPort),
                "  database:      " + databaseUrl.map(LauncherSettings::withoutSecrets).orElse("not set"),
                "  TLS:           " + describeTls(),
                "  server names:  " + (serverNames.isEmpty() ? "this machine's" : String.join(", ", serverNames)));
    }

    /** The same as {@link #describe()}: the generated form would print the database URL with its password. */
    @Override
    public String toString() {
        return describe();
    }

    private String describeTls() {
        if (tls.pkcs12().isPresent()) {
            return "PKCS#12 file " + tls.pkcs12().get() + (tls.pkcs12Password().isPresent() ? " (password set)" : "");
        }
        if (tls.certificatePem().isPresent()) {
            return "PEM certificate " + tls.certificatePem().get() + ", key " + tls.privateKeyPem().orElseThrow();
        }
        return "local certificate authority in " + dataDir.resolve("tls");
    }

    /** Masks {@code password=...} parameters and {@code user:password@} credentials of JDBC URLs. */
    private static String withoutSecrets(String url) {
        return url.replaceAll("(?i)((?:password|pwd)=)[^&;]*", "$1***").replaceAll("//([^/:@]*):[^/@]*@", "//$1:***@");
    }

    private static TlsSettings tls(Path root, Sources sources) throws InvalidSettingsException {
        Optional<Value> pkcs12 = sources.get(TLS_PKCS12);
        Optional<Value> password = sources.get(TLS_PKCS12_PASSWORD);
        Optional<Value> certificate = sources.get(TLS_CERT);
        Optional<Value> key = sources.get(TLS_KEY);
        if (certificate.isPresent() != key.isPresent()) {
            Value set = certificate.or(() -> key).orElseThrow();
            Setting missing = certificate.isPresent() ? TLS_KEY : TLS_CERT;
            throw new InvalidSettingsException(set.source() + " is set but " + missing.env() + " (" + missing.key()
                    + ") is not; a PEM certificate and its private key must be configured together");
        }
        if (pkcs12.isPresent() && certificate.isPresent()) {
            throw new InvalidSettingsException(pkcs12.get().source() + " and " + certificate.get().source()
                    + " are both set; configure either a PKCS#12 file or a PEM certificate and key, not both");
        }
        if (password.isPresent() && pkcs12.isEmpty()) {
            throw new InvalidSettingsException(password.get().source() + " is set but " + TLS_PKCS12.env() + " ("
                    + TLS_PKCS12.key() + ") is not; the password belongs to a PKCS#12 file");
        }
        return new TlsSettings(path(root, pkcs12), password.map(Value::text), path(root, certificate), path(root, key));
    }

    private static Optional<Integer> port(Optional<Value> value, boolean mayBeOff) throws InvalidSettingsException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().text();
        if (mayBeOff && (text.equalsIgnoreCase("off") || text.equals("0"))) {
            return Optional.of(0);
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return Optional.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw new InvalidSettingsException(value.get().source() + " must be a port number 1-65535"
                + (mayBeOff ? ", or 0 or 'off' to disable it" : "") + ", was '" + text + "'");
    }

    private static Optional<Path> path(Path root, Optional<Value> value) throws InvalidSettingsException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(root.resolve(value.get().text()).normalize());
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException(value.get().source() + " must be a file system path, was '"
                    + value.get().text() + "' (" + e.getReason() + ")", e);
        }
    }

    private static String bindAddress(Optional<Value> value) throws InvalidSettingsException {
        if (value.isEmpty()) {
            return "0.0.0.0";
        }
        // An IP literal, checked without DNS: a host name would make the listening address depend on the resolver.
        if (!IPAddress.isValid(value.get().text())) {
            throw new InvalidSettingsException(value.get().source() + " must be an IP address such as 0.0.0.0, :: or"
                    + " 192.168.1.10, was '" + value.get().text() + "'");
        }
        return value.get().text();
    }

    /**
     * A first check so that a wrong URL stops the start with a message; the persistence bundle checks every part
     * of it (docs/admin-guide.md lists what passes) whatever its source.
     */
    private static Optional<String> databaseUrl(Optional<Value> value) throws InvalidSettingsException {
        if (value.isPresent() && (!(value.get().text().startsWith("jdbc:postgresql://")
                || value.get().text().startsWith("jdbc:h2:file:")) || value.get().text().contains(";"))) {
            // The value is not echoed: a mistyped URL may still carry a password.
            throw new InvalidSettingsException(value.get().source() + " must be a JDBC URL starting with"
                    + " 'jdbc:postgresql://' or 'jdbc:h2:file:', without ';' options");
        }
        return value.map(Value::text);
    }

    private static List<String> serverNames(Optional<Value> value) throws InvalidSettingsException {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : value.get().text().toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (!DNS_NAME.matcher(name).matches() || IPAddress.isValid(name)) {
                throw new InvalidSettingsException(value.get().source() + " must be DNS names separated by commas, such as"
                        + " lanvan.corp.example.com (no wildcards, no addresses), was '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    private static Properties readProperties(Path file) throws InvalidSettingsException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidSettingsException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return properties;
    }

    /** An environment variable and the property key that stands in for it. */
    private record Setting(String env, String key) {

        /** Passwords are taken as typed: a space around one may be part of it. */
        String trimmed(String text) {
            return equals(TLS_PKCS12_PASSWORD) ? text : text.strip();
        }
    }

    /** A setting's text and where it came from, so an error can point the admin at the right place. */
    private record Value(String text, String source) {
    }

    private record Sources(Map<String, String> env, Properties file, Path filePath) {

        Optional<Value> get(Setting setting) {
            String fromEnv = env.get(setting.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(new Value(setting.trimmed(fromEnv), setting.env()));
            }
            String fromFile = file.getProperty(setting.key());
            if (fromFile != null && !fromFile.isBlank()) {
                return Optional.of(new Value(setting.trimmed(fromFile), setting.key() + " in " + filePath));
            }
            return Optional.empty();
        }
    }
}
