package io.lanvan.branding.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated branding: a bad setting is replaced by its default with a warning naming the
 * setting, so a typo in a .cfg file never takes the pages down.
 */
record Branding(String companyName, String accentColor, Optional<Path> logo, java.util.List<String> warnings) {
    static final long MAX_LOGO_BYTES = 512 * 1024;
    static final Map<String, String> LOGO_TYPES = Map.of("png", "image/png", "svg", "image/svg+xml",
            "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String DEFAULT_NAME = "LANVan";
    private static final String DEFAULT_COLOR = "#0a7cff";

    static Branding of(BrandingConfig config, Path home) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        String name = config.companyName() == null ? "" : config.companyName().strip();
        if (name.isEmpty() || name.length() > 60) {
            warnings.add("companyName must be 1-60 characters; using '" + DEFAULT_NAME + "'");
            name = DEFAULT_NAME;
        }
        String color = config.accentColor() == null ? "" : config.accentColor().strip();
        if (!COLOR.matcher(color).matches()) {
            warnings.add("accentColor must look like #0a7cff, was '" + color + "'; using " + DEFAULT_COLOR);
            color = DEFAULT_COLOR;
        }
        return new Branding(name, color.toLowerCase(Locale.ROOT), logo(config.logoFile(), home, warnings), warnings);
    }

    private static Optional<Path> logo(String configured, Path home, java.util.List<String> warnings) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path file = home.resolve(configured.strip()).normalize();
        String type = contentType(file);
        try {
            if (type == null) {
                warnings.add("logoFile must end in .png, .svg, .jpg, .jpeg or .webp, was '" + configured + "'");
            } else if (!Files.isRegularFile(file)) {
                warnings.add("logoFile " + file + " does not exist");
            } else if (Files.size(file) > MAX_LOGO_BYTES) {
                warnings.add("logoFile " + file + " is larger than " + MAX_LOGO_BYTES / 1024 + " KB");
            } else {
                return Optional.of(file);
            }
        } catch (java.io.IOException e) {
            warnings.add("logoFile " + file + " cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    static String contentType(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : LOGO_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
