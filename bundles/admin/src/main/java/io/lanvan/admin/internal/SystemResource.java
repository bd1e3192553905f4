package io.lanvan.admin.internal;

import io.lanvan.api.platform.LaunchProperties;
import io.lanvan.api.web.RestResource;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/admin/system}: what runs (every bundle and its version), since when, and the
 * memory it takes. For signed-in admins only: to anyone else this is a map of what to attack, so
 * the public {@code /api/system} says much less.
 */
@Component(service = SystemResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin/system")
@Produces(MediaType.APPLICATION_JSON)
public final class SystemResource {
    private final BundleContext context;

    @Activate
    public SystemResource(BundleContext context) {
        this.context = context;
    }

    public record BundleStatus(long id, String symbolicName, String version, String state, String kind) {}

    public record Memory(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes) {}

    public record SystemStatus(String name, String version, String startedAt, long uptimeSeconds,
                               List<BundleStatus> bundles, Memory memory) {}

    @GET
    public SystemStatus status() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String launched = context.getProperty(LaunchProperties.VERSION);
        return new SystemStatus("LANVan", launched != null ? launched : context.getBundle().getVersion().toString(),
                started.toString(), Duration.between(started, Instant.now()).toSeconds(),
                Arrays.stream(context.getBundles()).map(SystemResource::statusOf).toList(),
                new Memory(memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getMax(),
                        memory.getNonHeapMemoryUsage().getUsed()));
    }

    private static BundleStatus statusOf(Bundle bundle) {
        return new BundleStatus(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                BundlesResource.state(bundle.getState()), BundlesResource.kindOf(bundle));
    }
}
