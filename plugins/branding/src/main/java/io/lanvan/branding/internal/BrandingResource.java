package io.lanvan.branding.internal;

import io.lanvan.api.web.RestResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/branding}: what the pages need to wear the company's look. */
@Component(service = BrandingResource.class)
@RestResource
@Path("branding")
@Produces(MediaType.APPLICATION_JSON)
public final class BrandingResource {
    private final BrandingService branding;

    @Activate
    public BrandingResource(@Reference BrandingService branding) {
        this.branding = branding;
    }

    /** The look as the pages apply it; {@code logoUrl} is null when no logo is configured. */
    public record BrandingView(String companyName, String accentColor, String logoUrl) {}

    @GET
    public BrandingView get() {
        Branding current = branding.current();
        return new BrandingView(current.companyName(), current.accentColor(),
                current.logo().isPresent() ? LogoServlet.PATH : null);
    }
}
