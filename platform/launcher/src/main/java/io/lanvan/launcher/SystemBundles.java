package io.lanvan.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the bundles of {@code system/<level>/} at that start level: 1 infrastructure (SCR,
 * ConfigAdmin...), 2 libraries and HTTP, 3 the LANVan platform, 4 capabilities, 5 the plugins
 * folder watcher. The bundle cache survives restarts (so an admin's stopped capability stays
 * stopped); a jar newer than its installed bundle is updated, one removed from system/ is uninstalled.
 */
final class SystemBundles {
    private static final Logger LOG = LoggerFactory.getLogger(SystemBundles.class);
    static final String LOCATION_PREFIX = "lanvan-system:";

    private SystemBundles() {
    }

    /** Returns the highest start level found, which the framework is then raised to. */
    static int install(BundleContext context, Path systemDir) throws IOException, BundleException {
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        int highest = 1;
        List<Bundle> fresh = new ArrayList<>();
        for (Path levelDir : levels(systemDir)) {
            int level = Integer.parseInt(levelDir.getFileName().toString());
            highest = Math.max(highest, level);
            for (Path jar : jars(levelDir)) {
                String location = LOCATION_PREFIX + systemDir.relativize(jar).toString().replace('\\', '/');
                Bundle bundle = installed.remove(location);
                if (bundle == null) {
                    bundle = installFrom(context, location, jar);
                    fresh.add(bundle);
                } else if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        bundle.update(in);
                    }
                    LOG.info("Updated {} from {}", bundle.getSymbolicName(), jar.getFileName());
                }
                if (isFragment(bundle)) {
                    continue;
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(level);
            }
        }
        for (Bundle gone : installed.values()) {
            LOG.info("Uninstalling {}: its jar is no longer in system/", gone.getSymbolicName());
            gone.uninstall();
        }
        for (Bundle bundle : fresh) {
            if (!isFragment(bundle)) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        return highest;
    }

    private static Bundle installFrom(BundleContext context, String location, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(location, in);
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static List<Path> levels(Path systemDir) throws IOException {
        if (!Files.isDirectory(systemDir)) {
            throw new IOException("No bundles folder at " + systemDir + "; is LANVAN home set to an unpacked distribution?");
        }
        try (Stream<Path> entries = Files.list(systemDir)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches("\\d{1,2}"))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                            Integer.parseInt(b.getFileName().toString())))
                    .toList();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
