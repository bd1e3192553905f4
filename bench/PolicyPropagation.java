// Policy propagation benchmark: how long a deployment-mode change takes to reach connected devices.
// Run by bench/policy-propagation.sh (which starts the server); see bench/README.md.
//
//   java bench/PolicyPropagation.java <httpsPort> <data/tls/ca.crt> <data/initial-admin-password> [clients] [rounds]
//
// JDK only (java.net.http HttpClient and WebSocket); Java 17's single-file launcher compiles it in memory.

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public class PolicyPropagation {
    static final String NEW_PASSWORD = "bench-password-123456";
    static final String COOKIE = "__Host-lanvan-admin";
    static final Duration STEP_LIMIT = Duration.ofSeconds(30); // each wait (connect, welcome, one round) is bounded
    static final long PAUSE_BETWEEN_ROUNDS_MS = 200;
    static final long PING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(20); // server closes sockets silent for 120 s
    static final double GOAL_P99_MS = 500;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java PolicyPropagation.java <httpsPort> <ca.crt> <initial-admin-password file> [clients] [rounds]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path caFile = Path.of(args[1]);
        Path passwordFile = Path.of(args[2]);
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        if (clients < 1 || rounds < 1) {
            throw new IllegalArgumentException("clients and rounds must be at least 1");
        }
        String base = "https://localhost:" + port;
        SSLContext tls = trusting(caFile);
        // Two clients: the admin's requests never queue behind the sockets' reading (each HttpClient has one selector thread).
        HttpClient admin = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpClient sockets = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();

        System.out.printf(Locale.ROOT, "cores (availableProcessors): %d, java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        // 1. Devices: connect, hello, welcome.
        List<Device> devices = new ArrayList<>();
        long connecting = System.nanoTime();
        int batch = 10;
        for (int first = 0; first < clients; first += batch) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int n = first; n < Math.min(first + batch, clients); n++) {
                Device device = new Device(n, "localhost:" + port);
                devices.add(device);
                opening.add(sockets.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(URI.create("wss://localhost:" + port + "/ws"), device));
            }
            for (int i = 0; i < opening.size(); i++) {
                Device device = devices.get(first + i);
                device.socket = opening.get(i).get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                device.socket.sendText(device.hello(), true);
            }
        }
        String initialMode = null;
        for (Device device : devices) {
            initialMode = device.welcomed.get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long lastPing = System.nanoTime();
        System.out.printf(Locale.ROOT, "connected %d devices (hello -> welcome) in %d ms; mode in the welcome: %s%n",
                clients, ms(System.nanoTime() - connecting), initialMode);

        // 2. Admin: first sign-in, the forced password change, a fresh session.
        String initialPassword = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        Session first = signIn(admin, base, initialPassword);
        HttpResponse<String> changed = send(admin, HttpRequest.newBuilder(URI.create(base + "/api/admin/session/password"))
                .header("Cookie", first.cookie()).header("X-CSRF-Token", first.csrf())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":" + Json.quote(initialPassword)
                        + ",\"newPassword\":" + Json.quote(NEW_PASSWORD) + "}")));
        expect2xx("PUT /api/admin/session/password", changed);
        Session session = signIn(admin, base, NEW_PASSWORD);
        System.out.println("admin signed in (password changed, fresh session)");

        // 3. Rounds: change the mode, time its arrival at every device.
        String[] modes = "server-only".equals(initialMode) ? new String[] {"hybrid", "server-only"}
                : new String[] {"server-only", "hybrid"};
        double[] samples = new double[clients * rounds];
        int sampleCount = 0;
        boolean complete = true;
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %-12s %10s %10s %10s %10s %9s%n",
                "round", "mode", "put_ms", "min_ms", "p50_ms", "max_ms", "received");
        for (int r = 0; r < rounds; r++) {
            if (System.nanoTime() - lastPing > PING_EVERY_NANOS) {
                for (Device device : devices) {
                    device.socket.sendText("{\"type\":\"ping\",\"id\":\"keepalive\"}", true);
                }
                lastPing = System.nanoTime();
                Thread.sleep(PAUSE_BETWEEN_ROUNDS_MS);
            }
            String mode = modes[r % 2];
            Round round = new Round(mode, clients);
            Device.current.set(round);
            long t0 = System.nanoTime();
            round.t0 = t0;
            HttpResponse<String> put = send(admin, HttpRequest.newBuilder(URI.create(base + "/api/admin/mode"))
                    .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":" + Json.quote(mode) + "}")));
            long putNanos = System.nanoTime() - t0;
            expect2xx("PUT /api/admin/mode", put);
            boolean all = round.arrived.await(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            Device.current.set(null);
            double[] latencies = round.latenciesMs();
            Arrays.sort(latencies);
            for (double latency : latencies) {
                samples[sampleCount++] = latency;
            }
            System.out.printf(Locale.ROOT, "%-6d %-12s %10.1f %10s %10s %10s %5d/%d%n", r + 1, mode, putNanos / 1e6,
                    fmt(latencies, 0), fmt(latencies, 0.5), fmt(latencies, 1), latencies.length, clients);
            if (!all) {
                complete = false;
                long closed = devices.stream().filter(d -> d.closeReason != null).count();
                System.out.printf(Locale.ROOT, "round %d: only %d of %d devices got the policy within %d s (%d sockets closed%s)%n",
                        r + 1, latencies.length, clients, STEP_LIMIT.toSeconds(), closed,
                        devices.stream().filter(d -> d.closeReason != null).findFirst().map(d -> ", e.g. " + d.closeReason).orElse(""));
                break;
            }
            Thread.sleep(PAUSE_BETWEEN_ROUNDS_MS);
        }

        // 4. Summary.
        double[] all = Arrays.copyOf(samples, sampleCount);
        Arrays.sort(all);
        System.out.println();
        System.out.printf(Locale.ROOT, "policy frame latency over %d samples (%d devices x %d rounds), from sending PUT /api/admin/mode:%n",
                all.length, clients, all.length / clients);
        System.out.printf(Locale.ROOT, "  p50 %s ms   p95 %s ms   p99 %s ms   max %s ms%n",
                fmt(all, 0.5), fmt(all, 0.95), fmt(all, 0.99), fmt(all, 1));
        System.out.println();
        String p99 = fmt(all, 0.99);
        boolean met = complete && all.length > 0 && percentile(all, 0.99) < GOAL_P99_MS;
        System.out.printf(Locale.ROOT, "goal: p99 < %.0f ms: %s ms  -> %s%n", GOAL_P99_MS, p99,
                met ? "met" : complete ? "MISSED" : "MISSED (not every device got every change)");

        for (Device device : devices) {
            device.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
        }
        Thread.sleep(200);
        for (Device device : devices) {
            device.socket.abort();
        }
        System.exit(complete ? 0 : 1);
    }

    /** One mode change: which mode the devices wait for, and when each one got it. */
    static final class Round {
        final String mode;
        final AtomicLongArray receivedAt;
        final CountDownLatch arrived;
        volatile long t0;

        Round(String mode, int clients) {
            this.mode = mode;
            this.receivedAt = new AtomicLongArray(clients);
            this.arrived = new CountDownLatch(clients);
        }

        void received(int device, long at) {
            if (receivedAt.compareAndSet(device, 0, at)) {
                arrived.countDown();
            }
        }

        double[] latenciesMs() {
            double[] out = new double[receivedAt.length()];
            int count = 0;
            for (int i = 0; i < receivedAt.length(); i++) {
                long at = receivedAt.get(i);
                if (at != 0) {
                    out[count++] = (at - t0) / 1e6;
                }
            }
            return Arrays.copyOf(out, count);
        }
    }

    /** One simulated device: a WebSocket that says hello and listens for policy frames. */
    static final class Device implements WebSocket.Listener {
        static final AtomicReference<Round> current = new AtomicReference<>();

        final int n;
        final CompletableFuture<String> welcomed = new CompletableFuture<>(); // the mode in the welcome
        private final StringBuilder partial = new StringBuilder();
        private final String host;
        private final KeyPair keys;
        private final String deviceId;
        volatile WebSocket socket;
        volatile String closeReason;

        /** {@code host}: what the socket's URL names (host:port), which the hello proof is bound to. */
        Device(int n, String host) throws Exception {
            this.n = n;
            this.host = host;
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
            this.deviceId = base64url(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
        }

        /** Protocol 2 (docs/protocol.md): the id is the key's SHA-256; the challenge that answers it is signed in onText. */
        String hello() {
            return "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"" + deviceId + "\",\"name\":\"Bench " + n
                    + "\",\"platform\":\"linux\",\"identityKey\":\"" + base64url(keys.getPublic().getEncoded()) + "\"}";
        }

        private String proof(String nonce) throws Exception {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(String.join("\n", "LANVan hello v2", nonce, "2", host, deviceId).getBytes(StandardCharsets.UTF_8));
            return "{\"type\":\"hello.proof\",\"id\":\"p\",\"signature\":\"" + base64url(signer.sign()) + "\"}";
        }

        private static String base64url(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long at = System.nanoTime(); // when the frame's last part arrived
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text, at);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text, long at) {
            // Cheap filter: presence ("peers") frames are the bulk of the traffic and matter not.
            if (!text.contains("\"policy\"") && !text.contains("\"welcome\"") && !text.contains("\"error\"")
                    && !text.contains("\"hello.challenge\"")) {
                return;
            }
            Map<?, ?> frame = (Map<?, ?>) Json.parse(text);
            Object type = frame.get("type");
            if ("hello.challenge".equals(type)) {
                try {
                    socket.sendText(proof(String.valueOf(frame.get("nonce"))), true);
                } catch (Exception e) {
                    welcomed.completeExceptionally(e);
                }
            } else if ("policy".equals(type)) {
                Round round = current.get();
                if (round != null && round.mode.equals(frame.get("mode"))) {
                    round.received(n, at);
                }
            } else if ("welcome".equals(type)) {
                Map<?, ?> policy = (Map<?, ?>) frame.get("policy");
                welcomed.complete(policy == null ? null : String.valueOf(policy.get("mode")));
            } else if ("error".equals(type)) {
                welcomed.completeExceptionally(new IllegalStateException("device " + n + " got an error: " + text));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = statusCode + " " + reason;
            welcomed.completeExceptionally(new IllegalStateException("device " + n + " closed: " + closeReason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = "error " + error;
            welcomed.completeExceptionally(error);
        }
    }

    record Session(String cookie, String csrf) {}

    static Session signIn(HttpClient admin, String base, String password) throws Exception {
        HttpResponse<String> response = send(admin, HttpRequest.newBuilder(URI.create(base + "/api/admin/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":" + Json.quote(password) + "}")));
        expect2xx("POST /api/admin/session", response);
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(COOKIE + "="))
                .map(value -> value.split(";", 2)[0])
                .findFirst().orElseThrow(() -> new IllegalStateException("sign-in set no " + COOKIE + " cookie"));
        Object csrf = ((Map<?, ?>) Json.parse(response.body())).get("csrfToken");
        if (!(csrf instanceof String)) {
            throw new IllegalStateException("sign-in answered no csrfToken: " + response.body());
        }
        return new Session(cookie, (String) csrf);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(STEP_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect2xx(String what, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("lanvan-ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Nearest-rank percentile of sorted values (q = 0 gives the minimum, 1 the maximum). */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String fmt(double[] sorted, double q) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f", percentile(sorted, q));
    }

    /** Just enough JSON: objects (as maps), arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json parser = new Json(text);
            Object value = parser.value();
            parser.space();
            if (parser.at != text.length()) {
                throw parser.error("trailing characters");
            }
            return value;
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{': {
                    at++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return object;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        object.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return object;
                }
                case '[': {
                    at++;
                    List<Object> array = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return array;
                    }
                    do {
                        array.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return array;
                }
                case '"':
                    return string();
                default:
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    if (start == at) {
                        throw error("unexpected '" + c + "'");
                    }
                    return Double.parseDouble(text.substring(start, at));
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped); // " \ /
                }
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("JSON: " + problem + " at " + at);
        }
    }
}
