package io.lanvan.persistence.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URLs LANVan accepts, whatever their source (configuration, {@code etc/*.cfg}, environment).
 * A JDBC URL is code: H2 runs the SQL of {@code INIT=} (and {@code FILE_WRITE}, {@code RUNSCRIPT},
 * {@code CREATE ALIAS ... AS 'java'}) on connect, and pgjdbc loads classes named in parameters such as
 * {@code socketFactory} or {@code sslfactory}. So only two shapes pass, each checked part by part:
 * <ul>
 *   <li>{@code jdbc:h2:file:<absolute path under the data folder>} without any {@code ;} option
 *       (the options LANVan needs it sets itself);</li>
 *   <li>{@code jdbc:postgresql://host[:port]/database[?parameters]} with one host and only the
 *       parameters of {@link #POSTGRES_PARAMETERS}, each with a checked value.</li>
 * </ul>
 * The URL itself is never repeated in a message: it may carry a password.
 */
final class DatabaseUrl {
    private static final String H2_FILE = "jdbc:h2:file:";
    private static final Pattern POSTGRES = Pattern.compile(
            "jdbc:postgresql://(?<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[[0-9A-Fa-f:.]{2,45}])(?::(?<port>[0-9]{1,5}))?"
                    + "/(?<database>[A-Za-z0-9_][A-Za-z0-9_.-]{0,62})(?:\\?(?<parameters>.*))?");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,4}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./-]{1,1024}");

    /**
     * The pgjdbc parameters an operator needs to reach a managed PostgreSQL securely, and nothing that
     * names a class, writes a file, or points the driver at another host.
     */
    static final List<String> POSTGRES_PARAMETERS = List.of("sslmode", "ssl", "sslrootcert", "sslcert", "sslkey",
            "connectTimeout", "socketTimeout", "loginTimeout", "tcpKeepAlive", "ApplicationName", "user", "password");

    private DatabaseUrl() {
    }

    /**
     * Refuses {@code jdbcUrl} unless it has one of the accepted shapes.
     *
     * @param setting   the setting's name for the message, e.g. {@code LANVAN_DB_URL}
     * @param dataDir   the data folder: H2 files must be inside it
     * @param fileRoots folders a certificate or key file named in a PostgreSQL URL may be in
     * @throws IllegalArgumentException naming {@code setting} and what is accepted
     */
    static void check(String jdbcUrl, String setting, Path dataDir, List<Path> fileRoots) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            checkH2(jdbcUrl, setting, dataDir);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            checkPostgres(jdbcUrl, setting, fileRoots);
        } else {
            throw refused(setting, "it must start with jdbc:postgresql:// or jdbc:h2:file:");
        }
    }

    private static void checkH2(String jdbcUrl, String setting, Path dataDir) {
        if (!jdbcUrl.startsWith(H2_FILE)) {
            throw refused(setting, "an H2 database must be a file, jdbc:h2:file:<path under " + dataDir + ">");
        }
        String path = jdbcUrl.substring(H2_FILE.length());
        if (path.indexOf(';') >= 0) {
            throw refused(setting, "H2 options (';' in the URL) are not accepted; LANVan sets the options it needs");
        }
        if (!underAny(path, List.of(dataDir))) {
            throw refused(setting, "an H2 database file must be an absolute path under the data folder " + dataDir);
        }
    }

    private static void checkPostgres(String jdbcUrl, String setting, List<Path> fileRoots) {
        Matcher url = POSTGRES.matcher(jdbcUrl);
        if (!url.matches()) {
            throw refused(setting, "a PostgreSQL URL must be jdbc:postgresql://host[:port]/database[?parameters] with one"
                    + " host, and a database name of letters, digits, '_', '.' and '-'");
        }
        if (url.group("port") != null) {
            int port = Integer.parseInt(url.group("port"));
            if (port < 1 || port > 65535) {
                throw refused(setting, "the port must be 1-65535, was " + port);
            }
        }
        if (url.group("parameters") != null) {
            checkParameters(url.group("parameters"), setting, fileRoots);
        }
    }

    private static void checkParameters(String query, String setting, List<Path> fileRoots) {
        Map<String, Predicate<String>> accepted = Map.ofEntries(
                Map.entry("sslmode", Pattern.compile("disable|allow|prefer|require|verify-ca|verify-full").asMatchPredicate()),
                Map.entry("ssl", BOOLEAN.asMatchPredicate()),
                Map.entry("sslrootcert", path -> PATH.matcher(path).matches() && underAny(path, fileRoots)),
                Map.entry("sslcert", path -> PATH.matcher(path).matches() && underAny(path, fileRoots)),
                Map.entry("sslkey", path -> PATH.matcher(path).matches() && underAny(path, fileRoots)),
                Map.entry("connectTimeout", SECONDS.asMatchPredicate()),
                Map.entry("socketTimeout", SECONDS.asMatchPredicate()),
                Map.entry("loginTimeout", SECONDS.asMatchPredicate()),
                Map.entry("tcpKeepAlive", BOOLEAN.asMatchPredicate()),
                Map.entry("ApplicationName", Pattern.compile("[A-Za-z0-9 _.-]{1,63}").asMatchPredicate()),
                Map.entry("user", Pattern.compile("[A-Za-z0-9_.@-]{1,63}").asMatchPredicate()),
                Map.entry("password", value -> !value.isEmpty() && value.length() <= 256));
        Set<String> seen = new HashSet<>();
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            Predicate<String> valid = accepted.get(name);
            if (valid == null) {
                throw refused(setting, "the PostgreSQL parameter '" + abbreviated(name) + "' is not accepted; accepted are "
                        + String.join(", ", POSTGRES_PARAMETERS));
            }
            if (!seen.add(name)) {
                throw refused(setting, "the PostgreSQL parameter '" + name + "' is given twice");
            }
            if (!valid.test(value)) {
                throw refused(setting, "the value of the PostgreSQL parameter '" + name + "' is not accepted"
                        + (name.startsWith("ssl") && !name.equals("sslmode") && !name.equals("ssl")
                        ? " (an absolute path under " + fileRoots.stream().map(Path::toString).toList() + ")" : ""));
            }
        }
    }

    /** Whether {@code text} is an absolute path that stays inside one of {@code roots} once normalized. */
    private static boolean underAny(String text, List<Path> roots) {
        try {
            Path path = Path.of(text);
            if (!path.isAbsolute() || !path.normalize().equals(path)) {
                return false; // ".." segments, "~" or a relative path: the driver would resolve them elsewhere
            }
            return roots.stream().anyMatch(root -> path.startsWith(root.toAbsolutePath().normalize()) && !path.equals(root));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String abbreviated(String text) {
        String printable = text.replaceAll("[^A-Za-z0-9_.-]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }

    private static IllegalArgumentException refused(String setting, String reason) {
        return new IllegalArgumentException(setting + " is refused: " + reason);
    }
}
