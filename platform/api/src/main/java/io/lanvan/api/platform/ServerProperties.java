package io.lanvan.api.platform;

/**
 * Framework properties the launcher sets for every bundle ({@code BundleContext.getProperty}). The launcher
 * does not depend on this API, so its {@code FrameworkProperties} repeats these names; a launcher test checks
 * they agree.
 */
public final class ServerProperties {
    /** The LANVan version that launched the framework. */
    public static final String VERSION = "lanvan.version";
    /** The installation folder (holding {@code bin/}, {@code etc/}, {@code plugins/}). */
    public static final String HOME = "lanvan.home";
    /** The data folder (CA, database, bundle cache, first admin password); private to the server's user. */
    public static final String DATA_DIR = "lanvan.data";

    private ServerProperties() {
    }
}
