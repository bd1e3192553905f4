package io.lanvan.itest;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.framework.BundleContext;

/**
 * A client of the platform under test, inside the container: HTTPS that trusts only the local CA
 * (real verification of "localhost", no trust-all), plain HTTP, and WebSocket.
 */
final class Https {
    private final SSLContext tls;
    private final HttpClient client;
    private final String secureBase;
    private final String plainBase;
    private final RawHttp raw;

    Https(BundleContext context) throws Exception {
        this.tls = trusting(Path.of(context.getProperty("lanvan.tls.ca")));
        this.client = HttpClient.newBuilder().sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.secureBase = "https://localhost:" + context.getProperty("org.osgi.service.http.port.secure");
        this.plainBase = "http://localhost:" + context.getProperty("org.osgi.service.http.port");
        this.raw = new RawHttp(tls, Integer.parseInt(context.getProperty("org.osgi.service.http.port.secure")),
                Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
    }

    SSLContext tls() {
        return tls;
    }

    /** What the server's sockets see as the host a client addressed (the Host header), which hello proofs name. */
    String host() {
        return "localhost:" + securePort();
    }

    int securePort() {
        return Integer.parseInt(secureBase.substring(secureBase.lastIndexOf(':') + 1));
    }

    /** A client whose connections come from {@code fromAddress} (127.0.0.x), as a distinct machine would. */
    LoopbackClient from(String fromAddress) throws java.io.IOException {
        return new LoopbackClient(tls, fromAddress, securePort());
    }

    AdminClient admin() {
        return new AdminClient(tls, secureBase);
    }

    /** The same server through requests written byte for byte. */
    RawHttp raw() {
        return raw;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(secureBase + path)).GET());
    }

    HttpResponse<String> getPlain(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(plainBase + path)).GET());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(secureBase + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls a path until the response matches, for at most the given time; returns the last response. */
    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = get(path);
        while (!condition.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = get(path);
        }
        return last;
    }

    CompletableFuture<WebSocket> openSocket(WebSocket.Listener listener, String path) {
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(secureBase.replace("https://", "wss://") + path), listener);
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("lanvan-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
