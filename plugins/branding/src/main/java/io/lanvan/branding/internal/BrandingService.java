package io.lanvan.branding.internal;

import io.lanvan.api.platform.LaunchProperties;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the current branding; a configuration change applies at once, without a restart. */
@Component(service = BrandingService.class, configurationPid = BrandingConfig.PID)
@Designate(ocd = BrandingConfig.class)
public final class BrandingService {
    private static final Logger LOG = LoggerFactory.getLogger(BrandingService.class);

    private final Path home;
    private volatile Branding current;

    @Activate
    public BrandingService(BundleContext context, BrandingConfig config) {
        String configuredHome = context.getProperty(LaunchProperties.HOME);
        this.home = Path.of(configuredHome == null ? "." : configuredHome).toAbsolutePath();
        apply(config);
    }

    @Modified
    void apply(BrandingConfig config) {
        Branding branding = Branding.of(config, home);
        branding.warnings().forEach(warning -> LOG.warn("Branding setting ignored: {}", warning));
        current = branding;
    }

    Branding current() {
        return current;
    }
}
