package io.lanvan.web.internal.rest;

import io.lanvan.web.internal.BundleKind;
import io.lanvan.web.internal.Readiness;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** {@code GET /api/system}: what is running, since when, and how much memory it takes. */
@Path("system")
@Produces(MediaType.APPLICATION_JSON)
public final class SystemResource {
    private final BundleContext context;
    private final Readiness readiness;

    public SystemResource(BundleContext context, Readiness readiness) {
        this.context = context;
        this.readiness = readiness;
    }

    public record BundleStatus(long id, String symbolicName, String version, String state, String kind) {}

    public record Memory(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes) {}

    public record SystemStatus(String name, String version, String startedAt, long uptimeSeconds,
                               List<BundleStatus> bundles, Memory memory, boolean capabilitiesReady) {}

    @GET
    public SystemStatus status() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new SystemStatus("LANVan", version(), started.toString(),
                Duration.between(started, Instant.now()).toSeconds(),
                Arrays.stream(context.getBundles()).map(SystemResource::statusOf).toList(),
                new Memory(memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getMax(),
                        memory.getNonHeapMemoryUsage().getUsed()),
                readiness.problems().isEmpty());
    }

    private String version() {
        String launched = context.getProperty("lanvan.version");
        return launched != null ? launched : context.getBundle().getVersion().toString();
    }

    private static BundleStatus statusOf(Bundle bundle) {
        return new BundleStatus(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                Readiness.stateName(bundle.getState()), BundleKind.of(bundle).label());
    }
}
