package io.lanvan.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import io.lanvan.launcher.tls.HostIdentity;
import io.lanvan.launcher.tls.TlsMaterial;
import io.lanvan.launcher.tls.TlsSettings;
import io.lanvan.launcher.tls.TlsSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot the platform as the distribution ships it: every jar of the built
 * distribution's {@code system/<level>/} at that start level, a local CA made by the launcher's
 * own TLS code, and the framework properties the launcher sets; plus the test-support bundles
 * (lanvan-testing, Awaitility, Hamcrest) the test code uses inside the framework. Runs on the host side.
 */
final class Platform {
    static final int HIGHEST_START_LEVEL = 6;

    private Platform() {
    }

    static Option[] options() throws Exception {
        Path dist = Path.of(System.getProperty("lanvan.dist.dir", "../../distribution/target/lanvan-dist"));
        Path system = dist.resolve("system");
        if (!Files.isDirectory(system)) {
            throw new IllegalStateException("Build the distribution first: no bundles at " + system.toAbsolutePath());
        }
        Path work = Files.createDirectories(Path.of("target", "itest-" + System.nanoTime())).toAbsolutePath();
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TlsMaterial tls = TlsSetup.prepare(TlsSettings.localCa(), work.resolve("data"),
                new HostIdentity(Set.of("localhost"), Set.of(InetAddress.getLoopbackAddress())), Clock.systemUTC());
        List<Option> options = new ArrayList<>(List.of(
                systemPackages("org.slf4j;version=2.0.17", "org.slf4j.spi;version=2.0.17",
                        "org.slf4j.helpers;version=2.0.17", "org.slf4j.event;version=2.0.17",
                        "org.slf4j;version=1.7.36", "org.slf4j.helpers;version=1.7.36", "org.slf4j.spi;version=1.7.36"),
                frameworkStartLevel(HIGHEST_START_LEVEL),
                frameworkProperty("lanvan.version").value("itest"),
                frameworkProperty("lanvan.home").value(work.toString()),
                frameworkProperty("lanvan.data").value(work.resolve("data").toString()),
                frameworkProperty("lanvan.tls.ca").value(tls.caCertificatePem().orElseThrow().toString()),
                frameworkProperty("lanvan.itest.plugins").value(plugins.toString()),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("org.apache.felix.https.enable").value("true"),
                frameworkProperty("org.osgi.service.http.port.secure").value(Integer.toString(freePort())),
                frameworkProperty("org.apache.felix.https.keystore").value(tls.keyStore().toString()),
                frameworkProperty("org.apache.felix.https.keystore.password").value(new String(tls.keyStorePassword())),
                frameworkProperty("org.apache.felix.https.keystore.key.password").value(new String(tls.keyStorePassword())),
                frameworkProperty("org.apache.felix.https.keystore.type").value(tls.keyStoreType()),
                frameworkProperty("org.apache.felix.http.enable").value("true"),
                frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                frameworkProperty("org.apache.felix.jakarta.websocket.enable").value("true"),
                frameworkProperty("felix.fileinstall.dir").value(plugins.toString()),
                frameworkProperty("felix.fileinstall.poll").value("500"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.start.level").value(Integer.toString(HIGHEST_START_LEVEL)),
                frameworkProperty("felix.fileinstall.log.level").value("1"),
                junitBundles(),
                workingDirectory(work.resolve("paxexam").toString())));
        // the test code runs inside the framework: its own support library comes in as bundles too
        for (String support : List.of("testing", "awaitility", "hamcrest")) {
            String jar = System.getProperty("lanvan.itest.bundle." + support);
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("No test-support bundle '" + support + "' at " + jar
                        + ": run through Maven (failsafe passes lanvan.itest.bundle.*)");
            }
            options.add(bundle(Path.of(jar).toUri().toString()).startLevel(1));
        }
        for (Path levelDir : levels(system)) {
            int level = Integer.parseInt(levelDir.getFileName().toString());
            try (Stream<Path> jars = Files.list(levelDir)) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                        .forEach(jar -> options.add(bundle(jar.toUri().toString()).startLevel(level).start()));
            }
        }
        return options.toArray(Option[]::new);
    }

    private static List<Path> levels(Path system) throws IOException {
        try (Stream<Path> dirs = Files.list(system)) {
            return dirs.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                            Integer.parseInt(b.getFileName().toString())))
                    .toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
