package io.lanvan.branding.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The company's look, from {@code etc/io.lanvan.branding.cfg}. */
@ObjectClassDefinition(name = "Branding", description = "Company name, accent colour and logo shown on LANVan's pages")
public @interface BrandingConfig {
    String PID = "io.lanvan.branding";

    @AttributeDefinition(description = "Name shown in the page header and title (1-60 characters)")
    String companyName() default "LANVan";

    @AttributeDefinition(description = "Accent colour as #rrggbb")
    String accentColor() default "#0a7cff";

    @AttributeDefinition(description = "Logo file (PNG, SVG, JPEG or WebP, at most 512 KB); relative paths resolve "
            + "against the LANVan home folder; empty for none")
    String logoFile() default "";
}
