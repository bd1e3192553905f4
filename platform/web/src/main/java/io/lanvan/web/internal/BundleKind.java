package io.lanvan.web.internal;

import java.util.Locale;
import org.osgi.framework.Bundle;

/** What role a bundle plays, read from the {@value #HEADER} manifest header our bundles carry. */
public enum BundleKind {
    PLATFORM, CAPABILITY, PLUGIN, SYSTEM;

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

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
