package io.lanvan.branding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrandingTest {
    @TempDir
    Path home;

    @Test
    void validSettingsAreUsedAsGiven() throws Exception {
        Files.writeString(home.resolve("logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        Branding branding = Branding.of(config("Acme Logistics", "#C2185B", "logo.svg"), home);
        assertEquals("Acme Logistics", branding.companyName());
        assertEquals("#c2185b", branding.accentColor());
        assertEquals(Optional.of(home.resolve("logo.svg")), branding.logo());
        assertTrue(branding.warnings().isEmpty());
    }

    @Test
    void aBadColourFallsBackToTheDefaultWithAWarningNamingIt() {
        Branding branding = Branding.of(config("Acme", "red", ""), home);
        assertEquals("#0a7cff", branding.accentColor());
        assertTrue(branding.warnings().get(0).startsWith("accentColor"), branding.warnings().toString());
    }

    @Test
    void anEmptyOrOverlongNameFallsBackToLanvan() {
        assertEquals("LANVan", Branding.of(config("  ", "#000000", ""), home).companyName());
        assertEquals("LANVan", Branding.of(config("x".repeat(61), "#000000", ""), home).companyName());
    }

    @Test
    void aMissingTooLargeOrWrongTypeLogoIsIgnoredWithAWarning() throws Exception {
        assertTrue(Branding.of(config("Acme", "#000000", "missing.png"), home).logo().isEmpty());
        Files.writeString(home.resolve("logo.exe"), "MZ");
        assertTrue(Branding.of(config("Acme", "#000000", "logo.exe"), home).logo().isEmpty());
        Files.write(home.resolve("huge.png"), new byte[(int) Branding.MAX_LOGO_BYTES + 1]);
        Branding huge = Branding.of(config("Acme", "#000000", "huge.png"), home);
        assertTrue(huge.logo().isEmpty());
        assertTrue(huge.warnings().get(0).contains("larger than"), huge.warnings().toString());
    }

    private static BrandingConfig config(String name, String color, String logo) {
        return new BrandingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BrandingConfig.class;
            }

            @Override
            public String companyName() {
                return name;
            }

            @Override
            public String accentColor() {
                return color;
            }

            @Override
            public String logoFile() {
                return logo;
            }
        };
    }
}
