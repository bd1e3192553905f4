package io.lanvan.persistence.internal;

import io.lanvan.api.platform.LaunchProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where the database is and how to log in, resolved once from (in this order) the ConfigAdmin
 * configuration, the launcher's {@code lanvan.db.url} framework property with the
 * {@code LANVAN_DB_USER} / {@code LANVAN_DB_PASSWORD} environment variables, and the embedded H2
 * default under the data folder. A URL from either source must pass {@link DatabaseUrl}'s checks.
 * {@link #toString()} and {@link #describe()} never show the password.
 */
public record DatabaseSettings(DatabaseKind kind, String jdbcUrl, String user, String password, int maxPoolSize,
                               Optional<String> schema, String source) {
    static final String USER_ENV = "LANVAN_DB_USER";
    static final String PASSWORD_ENV = "LANVAN_DB_PASSWORD";
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("//([^/:@]*):[^/@]*@");

    public DatabaseSettings {
        if (maxPoolSize < 1 || maxPoolSize > 100) {
            throw new IllegalArgumentException("maxPoolSize must be 1-100, was " + maxPoolSize);
        }
        schema.ifPresent(name -> {
            if (!SCHEMA.matcher(name).matches()) {
                throw new IllegalArgumentException("schema must be 1-63 characters [a-z0-9_] not starting with a digit, was '"
                        + name + "'");
            }
        });
    }

    /**
     * @param frameworkProperty reads framework properties ({@code lanvan.db.url})
     * @param environment reads environment variables
     * @param fallbackDataDir the data folder when the {@code lanvan.data} framework property is not set
     */
    public static DatabaseSettings resolve(PersistenceConfig config, UnaryOperator<String> frameworkProperty,
                                           UnaryOperator<String> environment, Path fallbackDataDir) {
        Optional<String> schema = Optional.of(config.schema().trim()).filter(name -> !name.isEmpty());
        String dataDir = blankToEmpty(frameworkProperty.apply(LaunchProperties.DATA_DIR));
        Path data = (dataDir.isEmpty() ? fallbackDataDir : Path.of(dataDir)).toAbsolutePath().normalize();
        List<Path> fileRoots = fileRoots(data, blankToEmpty(frameworkProperty.apply(LaunchProperties.HOME)));
        String configuredUrl = config.jdbcUrl().trim();
        if (!configuredUrl.isEmpty()) {
            DatabaseUrl.check(configuredUrl, "jdbcUrl in configuration " + PersistenceConfig.PID, data, fileRoots);
            return new DatabaseSettings(DatabaseKind.of(configuredUrl), configuredUrl, config.user(), config.password(),
                    config.maxPoolSize(), schema, "configuration " + PersistenceConfig.PID);
        }
        String launcherUrl = blankToEmpty(frameworkProperty.apply(LaunchProperties.DATABASE_URL));
        if (!launcherUrl.isEmpty()) {
            DatabaseUrl.check(launcherUrl, "LANVAN_DB_URL (db.url in etc/lanvan.properties)", data, fileRoots);
            return new DatabaseSettings(DatabaseKind.of(launcherUrl), launcherUrl,
                    blankToEmpty(environment.apply(USER_ENV)), blankToEmpty(environment.apply(PASSWORD_ENV)),
                    config.maxPoolSize(), schema, "LANVAN_DB_URL");
        }
        Path file = data.resolve("db").resolve("lanvan");
        return new DatabaseSettings(DatabaseKind.H2, "jdbc:h2:file:" + file, "sa", "", config.maxPoolSize(), schema,
                "default (embedded H2)");
    }

    /** Where certificate and key files a database URL names may be: the data folder and the installation's etc/. */
    private static List<Path> fileRoots(Path data, String home) {
        return home.isEmpty() ? List.of(data) : List.of(data, Path.of(home).toAbsolutePath().normalize().resolve("etc"));
    }

    /** Which database this is, without anything secret: the URL up to its parameters, and the schema. */
    public String location() {
        int parameters = jdbcUrl.indexOf('?');
        return (parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters)) + schema.map(name -> "#" + name).orElse("");
    }

    /** One line for the log: database, URL without secrets, user, schema and where the settings came from. */
    public String describe() {
        return kind + " at " + redact(jdbcUrl) + (user.isEmpty() ? "" : " as " + user)
                + schema.map(name -> ", schema " + name).orElse("") + " (from " + source + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The URL with any password in it (query parameter or user info) masked. */
    static String redact(String jdbcUrl) {
        String masked = URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("//$1:***@");
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
