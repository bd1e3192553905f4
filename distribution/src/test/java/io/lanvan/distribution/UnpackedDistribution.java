package io.lanvan.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The release archive unpacked into a folder and started with its own {@code bin/lanvan}, as an admin would, on two
 * free ports of 127.0.0.1.
 */
final class UnpackedDistribution {
    private final Path home;
    private final Path log;
    private final int httpsPort;
    private final int httpPort;
    private Process process;
    private long startedAt;

    private UnpackedDistribution(Path home, Path log, int httpsPort, int httpPort) {
        this.home = home;
        this.log = log;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
    }

    /** Unpacks {@code archive} (a zip with one top folder) into {@code workDir}. */
    static UnpackedDistribution unpack(Path archive, Path workDir) throws IOException {
        Path top = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = workDir.resolve(entry.getName()).normalize();
                if (!target.startsWith(workDir)) {
                    throw new IOException("Archive entry escapes the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
                if (top == null) {
                    top = workDir.resolve(Path.of(entry.getName()).getName(0));
                }
            }
        }
        if (top == null) {
            throw new IOException("Empty archive: " + archive);
        }
        // java.util.zip does not restore Unix modes; the zip records bin/lanvan as 0755.
        if (!top.resolve("bin/lanvan").toFile().setExecutable(true)) {
            throw new IOException("Cannot make bin/lanvan executable in " + top);
        }
        int[] ports = freePorts(2);
        return new UnpackedDistribution(top, workDir.resolve("lanvan-console.log"), ports[0], ports[1]);
    }

    /** Starts {@code bin/lanvan}; the script execs Java, so the started process is the server's JVM. */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/lanvan").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LANVAN_HTTPS_PORT", Integer.toString(httpsPort));
        builder.environment().put("LANVAN_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("LANVAN_BIND", "127.0.0.1");
        startedAt = System.nanoTime();
        process = builder.start();
    }

    /** Time since {@link #start()}. */
    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** A client that trusts only the local CA the server made on first start, with normal hostname checks. */
    HttpClient trustingClient() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(caCertificate())) {
            trust.setCertificateEntry("lanvan-local-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Sends SIGTERM (what {@link Process#destroy()} does on Unix) and waits for the exit code.
     *
     * @return the exit code, or {@code null} if the process still ran after {@code timeout}
     */
    Integer stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Kills the server if a test left it running, so no JVM outlives the test run. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** What an admin would look at when it fails: the console output and the end of {@code logs/lanvan.log}. */
    String diagnostics() {
        return "---- console ----\n" + read(log, Integer.MAX_VALUE)
                + "---- last lines of logs/lanvan.log ----\n" + read(home.resolve("logs/lanvan.log"), 200);
    }

    private static String read(Path file, int lastLines) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - lastLines), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")\n";
        }
    }

    Path home() {
        return home;
    }

    Path caCertificate() {
        return home.resolve("data/tls/ca.crt");
    }

    int httpsPort() {
        return httpsPort;
    }

    int httpPort() {
        return httpPort;
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
