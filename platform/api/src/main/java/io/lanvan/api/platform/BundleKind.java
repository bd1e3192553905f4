package io.lanvan.api.platform;

import java.util.Locale;
import org.osgi.framework.Bundle;

/**
 * What role a bundle plays, declared by the {@value #HEADER} manifest header every LANVan bundle carries
 * ({@code LANVan-Kind: capability} in its {@code bnd.bnd}). A bundle without it is a system bundle (Felix,
 * Jetty, Jersey...); an unknown value counts as a plugin, the least trusted kind.
 */
public enum BundleKind {
    /** What everything stands on (web, persistence): never stopped through the API. */
    PLATFORM,
    /** A core capability of the product (signaling, relay, audit...). */
    CAPABILITY,
    /** An optional extension an admin dropped into {@code plugins/}. */
    PLUGIN,
    /** A library or OSGi service bundle that is not LANVan's own. */
    SYSTEM;

    /** The manifest header naming a bundle's kind. */
    public static final String HEADER = "LANVan-Kind";

    public static BundleKind of(Bundle bundle) {
        String declared = bundle.getHeaders("").get(HEADER);
        if (declared == null) {
            return SYSTEM;
        }
        try {
            return valueOf(declared.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return PLUGIN;
        }
    }

    /** Whether the bundle is one of LANVan's own (platform, capability or plugin). */
    public static boolean isLanvan(Bundle bundle) {
        return of(bundle) != SYSTEM;
    }

    /** The header value, as written in {@code bnd.bnd} and shown to admins. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
