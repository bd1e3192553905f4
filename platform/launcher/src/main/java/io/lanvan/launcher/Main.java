package io.lanvan.launcher;

import io.lanvan.api.platform.LaunchProperties;
import io.lanvan.launcher.tls.HostIdentity;
import io.lanvan.launcher.tls.TlsMaterial;
import io.lanvan.launcher.tls.TlsSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts LANVan: reads the settings, prepares TLS, embeds Felix with the system bundles, raises the
 * start level, prints where to connect, and stops the framework cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {
    /** Highest start level: 5 is the plugins watcher, 6 the plugins it deploys. */
    private static final int PLUGIN_START_LEVEL = 6;
    private static final long STOP_TIMEOUT_MS = 10_000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty(LaunchProperties.HOME, ".")).toAbsolutePath().normalize();
        LauncherSettings settings;
        try {
            settings = LauncherSettings.load(home, System.getenv());
        } catch (InvalidSettingsException e) {
            System.err.println("LANVan cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(settings.logsDir());
        Files.createDirectories(settings.pluginsDir());
        Logging.configure(settings);
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            OwnerOnlyFiles.privateTree(settings.dataDir());
            OwnerOnlyFiles.privateFiles(settings.etcDir());
            run(settings, log);
        } catch (Exception e) {
            log.error("LANVan failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    private static void run(LauncherSettings settings, Logger log) throws Exception {
        long started = System.nanoTime();
        String version = versionOf();
        log.info("LANVan {} starting in {}", version, settings.home());
        log.info("Settings: {}", settings.describe().strip().replaceAll("\\s*\\n\\s*", "; "));
        HostIdentity host = HostIdentity.ofThisMachine().withNames(settings.serverNames());
        TlsMaterial tls = TlsSetup.prepare(settings.tls(), settings.dataDir(), host, Clock.systemUTC());

        // Felix itself rather than a FrameworkFactory: its constructor takes the log bridge object as a property.
        Framework framework = new Felix(FrameworkProperties.of(settings, tls, version));
        framework.init();
        int highest = SystemBundles.install(framework.getBundleContext(), settings.systemDir());
        CountDownLatch stopped = new CountDownLatch(1);
        Shutdown.onSignal(() -> stop(framework, log, stopped));
        framework.start();
        raiseStartLevel(framework, Math.max(highest, PLUGIN_START_LEVEL));
        log.info("Framework started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        System.out.println(Banner.text(settings, host, tls));

        FrameworkEvent end = framework.waitForStop(0);
        stopped.await(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        log.info("LANVan stopped ({})", end.getType() == FrameworkEvent.STOPPED ? "clean" : "event " + end.getType());
        System.exit(0);
    }

    private static void raiseStartLevel(Framework framework, int level) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
        reached.await(60, TimeUnit.SECONDS);
    }

    private static void stop(Framework framework, Logger log, CountDownLatch stopped) {
        try {
            log.info("Stopping LANVan");
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("Framework did not stop within {} ms", STOP_TIMEOUT_MS);
            }
        } catch (Exception e) {
            log.error("Stopping the framework failed", e);
        } finally {
            stopped.countDown();
        }
    }

    private static String versionOf() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    /** Logback reads its configuration on first use; point it at etc/logback.xml and logs/ first. */
    static final class Logging {
        private Logging() {
        }

        static void configure(LauncherSettings settings) {
            System.setProperty("lanvan.logs", settings.logsDir().toString());
            Path custom = settings.etcDir().resolve("logback.xml");
            if (System.getProperty("logback.configurationFile") == null && Files.isReadable(custom)) {
                System.setProperty("logback.configurationFile", custom.toString());
            }
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
