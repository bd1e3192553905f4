package io.lanvan.web.internal.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/system}: which product answers and which version of its API it speaks, for any
 * client without signing in. Nothing more: the bundles, their versions, memory and uptime tell an
 * attacker what to aim at, so they are for signed-in admins only (the admin API's system view).
 */
@Path("system")
@Produces(MediaType.APPLICATION_JSON)
public final class SystemResource {
    static final String PRODUCT = "LANVan";

    private final String version;

    public SystemResource(String version) {
        this.version = version;
    }

    /** The public facts; the field order is part of the answer's stable shape. */
    public record SystemStatus(String name, String version) {}

    @GET
    public SystemStatus status() {
        return new SystemStatus(PRODUCT, version);
    }
}
