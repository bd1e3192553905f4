package io.lanvan.api.platform;

/**
 * Framework properties the launcher sets for every bundle ({@code BundleContext.getProperty}). The launcher
 * compiles against these constants (they are inlined, so it needs no API jar at run time); bundles read them
 * through their context.
 *
 * <p>Named "launch" properties, not "server" properties, so they are not confused with Jersey's
 * {@code ServerProperties} that the REST servlet configures.
 */
public final class LaunchProperties {
    /** The LANVan version that launched the framework. */
    public static final String VERSION = "lanvan.version";
    /** The installation folder (holding {@code bin/}, {@code etc/}, {@code plugins/}); also a JVM system property the start script sets. */
    public static final String HOME = "lanvan.home";
    /** The data folder (CA, database, bundle cache, first admin password); private to the server's user. */
    public static final String DATA_DIR = "lanvan.data";
    /** The database URL given at launch ({@code LANVAN_DB_URL} or {@code db.url} in {@code etc/lanvan.properties}); absent when the default H2 file applies. */
    public static final String DATABASE_URL = "lanvan.db.url";
    /** The PEM file of the local certificate authority, absent when the admin brought their own certificate. */
    public static final String TLS_CA = "lanvan.tls.ca";

    private LaunchProperties() {
    }
}
