package io.lanvan.launcher;

import io.lanvan.api.platform.LaunchProperties;
import io.lanvan.launcher.tls.TlsMaterial;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Constants;

/** The framework properties that wire Felix, Felix HTTP, FileInstall and our bundles to the launcher's settings. */
final class FrameworkProperties {
    static final String SLF4J_VERSION = "2.0.20";

    private FrameworkProperties() {
    }

    static Map<String, Object> of(LauncherSettings settings, TlsMaterial tls, String version) {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, settings.dataDir().resolve("felix-cache").toString());
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        // The launcher owns logging: SLF4J and its backend live on the class path, bundles import the API.
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "org.slf4j;version=" + SLF4J_VERSION, "org.slf4j.spi;version=" + SLF4J_VERSION,
                "org.slf4j.helpers;version=" + SLF4J_VERSION, "org.slf4j.event;version=" + SLF4J_VERSION));
        p.put("felix.log.logger", new FelixLog());
        p.put("felix.log.level", "2");
        p.put("ds.loglevel", "warn");

        p.put(LaunchProperties.VERSION, version);
        p.put(LaunchProperties.HOME, settings.home().toString());
        p.put(LaunchProperties.DATA_DIR, settings.dataDir().toString());
        settings.databaseUrl().ifPresent(url -> p.put(LaunchProperties.DATABASE_URL, url));
        tls.caCertificatePem().ifPresent(ca -> p.put(LaunchProperties.TLS_CA, ca.toString()));

        // Felix HTTP on Jetty 12: one HTTPS port, plus a plain port that redirects and serves the CA.
        p.put("org.apache.felix.http.host", settings.bindAddress());
        p.put("org.apache.felix.https.enable", "true");
        p.put("org.osgi.service.http.port.secure", Integer.toString(settings.httpsPort()));
        p.put("org.apache.felix.https.keystore", tls.keyStore().toString());
        p.put("org.apache.felix.https.keystore.password", new String(tls.keyStorePassword()));
        p.put("org.apache.felix.https.keystore.key.password", new String(tls.keyStorePassword()));
        p.put("org.apache.felix.https.keystore.type", tls.keyStoreType());
        p.put("org.apache.felix.http.enable", Boolean.toString(settings.httpPort() > 0));
        p.put("org.osgi.service.http.port", Integer.toString(Math.max(settings.httpPort(), 0)));
        p.put("org.apache.felix.jakarta.websocket.enable", "true");
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("org.apache.felix.http.jetty.sendDateHeader", "true");

        // FileInstall: etc/*.cfg into ConfigAdmin (and admin changes written back), plugins/*.jar hot-deployed.
        p.put("felix.fileinstall.dir", settings.etcDir() + "," + settings.pluginsDir());
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.start.level", "6");
        p.put("felix.fileinstall.active.level", "5");
        p.put("felix.fileinstall.enableConfigSave", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.log.default", "jul");
        return p;
    }
}
