package io.lanvan.distribution;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.testing.Eventually;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the real release zip, starts it with {@code bin/lanvan} and talks to it the way browsers and admins do:
 * HTTPS verified against the CA it made, plain HTTP, WebSocket, a plugin dropped into {@code plugins/}, SIGTERM.
 * One server is shared by all tests (booting takes seconds); stopping it is the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionSmokeIT {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final Duration POLL_STEP = Duration.ofMillis(200);
    private static final Duration PLUGIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration FRAME_LIMIT = Duration.ofSeconds(10);
    private static final int EXITED = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestWatcher printConsoleOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("==== LANVan after " + context.getDisplayName() + " failed ====\n"
                    + (server == null ? "(not started)" : server.diagnostics()));
        }
    };

    private UnpackedDistribution server;
    private HttpClient client;
    /** Whether the first admin password was on disk when /health/ready first answered 200. */
    private boolean initialPasswordWhenReady;

    @BeforeAll
    void startTheUnpackedArchive(@TempDir Path workDir) throws Exception {
        Path archive = Path.of(System.getProperty("lanvan.archive", "target/lanvan-0.1.0-SNAPSHOT.zip"));
        assertTrue(Files.isRegularFile(archive), "No release archive at " + archive.toAbsolutePath()
                + "; run the package phase first");
        server = UnpackedDistribution.unpack(archive, workDir);
        server.start();
        Duration readyAfter;
        try {
            Eventually.within(STARTUP_LIMIT, POLL_STEP, "/health/ready answers 200",
                    this::readinessOrExit, status -> status == 200 || status == EXITED);
            readyAfter = server.sinceStart();
            initialPasswordWhenReady = Files.exists(initialPasswordFile());
            assertTrue(server.isRunning(), "bin/lanvan exited during start");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + server.diagnostics(), e);
        }
        System.out.printf("LANVan ready %d ms after process start (first 200 from /health/ready, ports %d/%d)%n",
                readyAfter.toMillis(), server.httpsPort(), server.httpPort());
    }

    /** The readiness status, or {@link #EXITED}; fails (meaning "not yet") until the server has made its CA. */
    private int readinessOrExit() throws Exception {
        if (!server.isRunning()) {
            return EXITED;
        }
        if (client == null) {
            client = server.trustingClient();
        }
        return get(https("/health/ready")).statusCode();
    }

    @AfterAll
    void killTheServerIfStillRunning() throws InterruptedException {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void readinessReportsUpOnceStarted() throws Exception {
        HttpResponse<String> ready = get(https("/health/ready"));
        assertEquals(200, ready.statusCode());
        assertEquals("UP", JSON.readTree(ready.body()).path("status").asText());
    }

    @Test
    void livenessAnswers200() throws Exception {
        assertEquals(200, get(https("/health/live")).statusCode());
    }

    @Test
    void webClientIsServedAsHtmlAtTheRoot() throws Exception {
        assertHtmlPage(get(https("/")));
    }

    @Test
    void adminConsoleIsServedAsHtml() throws Exception {
        assertHtmlPage(get(https("/admin/")));
    }

    @Test
    void systemTellsAnonymousCallersItsVersionAndNothingElse() throws Exception {
        HttpResponse<String> response = get(https("/api/system"));
        assertEquals(200, response.statusCode());
        assertContentType("application/json", response);
        JsonNode system = JSON.readTree(response.body());
        assertFalse(system.path("version").asText().isBlank(), "version missing: " + response.body());
        assertEquals(List.of("name", "version"), fieldNames(system), response.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void metricsAreExposedAsPrometheusText() throws Exception {
        HttpResponse<String> response = get(https("/metrics"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("jvm_memory"), "no jvm_memory metrics in:\n" + head(response.body()));
    }

    @Test
    void openApiDocumentDescribesTheRestApi() throws Exception {
        HttpResponse<String> response = get(https("/api/openapi.json"));
        assertEquals(200, response.statusCode());
        assertTrue(JSON.readTree(response.body()).hasNonNull("openapi"), "no openapi field: " + head(response.body()));
    }

    @Test
    void plainHttpServesTheCaCertificateTheServerMade() throws Exception {
        HttpResponse<byte[]> response = client.send(request(http("/ca.crt")).build(), BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(Files.readAllBytes(server.caCertificate()), response.body());
    }

    @Test
    void plainHttpServesTheTrustPage() throws Exception {
        assertHtmlPage(get(http("/trust")));
    }

    @Test
    void plainHttpRedirectsEverythingElseToHttps() throws Exception {
        HttpResponse<String> response = get(http("/api/system"));
        assertEquals(308, response.statusCode());
        String location = response.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("https://") && location.endsWith(":" + server.httpsPort() + "/api/system"),
                "Location: " + location);
    }

    @Test
    void httpsResponsesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> response = get(https("/"));
        assertAll(
                () -> assertTrue(response.headers().firstValue("Strict-Transport-Security").isPresent(),
                        "no Strict-Transport-Security"),
                () -> assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("")
                        .contains("frame-ancestors"), "Content-Security-Policy without frame-ancestors"),
                () -> assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse("")));
    }

    @Test
    void unknownApiPathAnswers404ProblemJsonAndTheServerStaysReady() throws Exception {
        assertProblem(404, get(https("/api/does-not-exist")));
        assertStillReady();
    }

    @Test
    void unknownPageAnswers404ProblemJsonAndTheServerStaysReady() throws Exception {
        assertProblem(404, get(https("/no/such/page")));
        assertStillReady();
    }

    @Test
    void postToTheReadOnlySystemResourceAnswers405ProblemJsonAndTheServerStaysReady() throws Exception {
        HttpRequest post = request(https("/api/system"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shutdown\":true}"))
                .build();
        assertProblem(405, client.send(post, BodyHandlers.ofString()));
        assertStillReady();
    }

    @Test
    void socketAnswersPingWithPongCarryingTheSameId() throws Exception {
        try (RecordedSocket socket = openSocket()) {
            socket.send("{\"type\":\"ping\",\"id\":\"smoke-1\"}");
            assertReply(socket, "pong", "id", "smoke-1");
        }
    }

    @Test
    void malformedFrameGetsAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        try (RecordedSocket socket = openSocket()) {
            socket.send("{not json");
            assertError(socket, "malformed-json");
            socket.send("{\"type\":\"ping\",\"id\":\"after-malformed\"}");
            assertReply(socket, "pong", "id", "after-malformed");
        }
    }

    @Test
    void unknownMessageTypeGetsAnUnknownTypeErrorFrame() throws Exception {
        try (RecordedSocket socket = openSocket()) {
            socket.send("{\"type\":\"no.such.type\",\"id\":\"u1\"}");
            JsonNode error = assertError(socket, "unknown-type");
            assertEquals("u1", error.path("inReplyTo").asText(), error.toString());
        }
    }

    @Test
    void oversizedFrameClosesThatSocketWith1009AndLeavesOthersWorking() throws Exception {
        try (RecordedSocket bystander = openSocket(); RecordedSocket offender = openSocket()) {
            offender.sendAndForget("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, offender.closeCode(FRAME_LIMIT));
            assertTrue(bystander.isOpen(), "the other socket was closed too");
            bystander.send("{\"type\":\"ping\",\"id\":\"bystander\"}");
            assertReply(bystander, "pong", "id", "bystander");
        }
    }

    @Test
    void brandingPluginAppearsWhenItsJarIsDroppedIntoPluginsAndGoesWhenRemoved() throws Exception {
        assertProblem(404, get(https("/api/branding")));
        Path jar = server.home().resolve("plugins").resolve(brandingJar().getFileName());
        Files.createDirectories(jar.getParent());
        Files.copy(brandingJar(), jar);

        HttpResponse<String> branded = Eventually.within(PLUGIN_LIMIT, POLL_STEP, "/api/branding answers 200",
                () -> get(https("/api/branding")), response -> response.statusCode() == 200);
        assertFalse(JSON.readTree(branded.body()).path("companyName").asText().isBlank(),
                "no companyName: " + branded.body());

        Files.delete(jar);
        HttpResponse<String> gone = Eventually.within(PLUGIN_LIMIT, POLL_STEP, "/api/branding answers 404 again",
                () -> get(https("/api/branding")), response -> response.statusCode() == 404);
        assertProblem(404, gone);
    }

    @Test
    void secretsOnDiskAreReadableByTheServerUserOnly() throws Exception {
        Path data = server.home().resolve("data");
        Path initialPassword = Eventually.within(STARTUP_LIMIT, POLL_STEP, "data/initial-admin-password is written",
                () -> data.resolve("initial-admin-password"), Files::exists);
        List<Path> secrets = new ArrayList<>(List.of(initialPassword,
                server.home().resolve("etc/io.lanvan.persistence.cfg"), server.home().resolve("etc/lanvan.properties")));
        secrets.addAll(filesIn(data.resolve("tls")));
        secrets.addAll(filesIn(data.resolve("db")));
        assertTrue(secrets.stream().anyMatch(file -> file.toString().endsWith(".mv.db")), "no database file in " + secrets);

        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals("rwx------", mode(data), data.toString()));
        for (Path file : secrets) {
            checks.add(() -> assertEquals("rw-------", mode(file), file.toString()));
        }
        assertAll(checks.stream());
    }

    @Test
    void readyMeansTheFirstAdminPasswordIsWritten() {
        assertTrue(initialPasswordWhenReady, "/health/ready said 200 before " + initialPasswordFile() + " existed");
    }

    @Test
    void anOperatorResetsTheAdminPasswordFromTheServersShell() throws Exception {
        String first = Files.readString(initialPasswordFile()).strip();
        HttpResponse<String> session = signIn(first);
        assertEquals(200, session.statusCode(), session.body());
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        Path console = Files.createTempFile("lanvan-reset", ".log");
        Process reset = new ProcessBuilder(server.home().resolve("bin/lanvan").toString(), "admin", "reset-password")
                .directory(server.home().toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        boolean ended = reset.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            reset.descendants().forEach(ProcessHandle::destroyForcibly);
            reset.destroyForcibly();
        }
        String output = Files.readString(console, StandardCharsets.UTF_8);
        Files.delete(console);
        assertTrue(ended, "bin/lanvan admin reset-password still running after 30 s: " + output);
        assertEquals(0, reset.exitValue(), output);
        assertTrue(output.contains("Done: the new password is in"), output);

        String second = Files.readString(initialPasswordFile()).strip();
        assertNotEquals(first, second);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(initialPasswordFile())));
        assertEquals(401, client.send(request(https("/api/admin/session")).header("Cookie", cookie).build(),
                BodyHandlers.ofString()).statusCode(), "the session from before the reset still works");
        assertEquals(401, signIn(first).statusCode());
        HttpResponse<String> again = signIn(second);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"mustChangePassword\":true"), again.body());

        String cookieAgain = again.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(again.body()).path("csrfToken").asText();
        String newPassword = "the operator's own new password";
        assertEquals(204, client.send(request(https("/api/admin/session/password")).header("Cookie", cookieAgain)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"" + second + "\",\"newPassword\":\"" + newPassword + "\"}"))
                .build(), BodyHandlers.ofString()).statusCode());
        HttpResponse<String> audit = client.send(request(https("/api/admin/audit?action=admin.password.reset"))
                .header("Cookie", cookieAgain).build(), BodyHandlers.ofString());
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"subject\":\"admin\""), "the reset is not on record: " + audit.body());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void sigtermStopsTheServerCleanlyWithExitCodeZero() throws Exception {
        Integer exitCode = server.stop(Duration.ofSeconds(15));
        assertNotNull(exitCode, "still running 15 s after SIGTERM");
        assertEquals(0, exitCode, "exit code after SIGTERM");
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.httpsPort()), 2_000);
            }
        }, "the HTTPS port still accepts connections");
    }

    private Path initialPasswordFile() {
        return server.home().resolve("data").resolve("initial-admin-password");
    }

    private HttpResponse<String> signIn(String password) throws IOException, InterruptedException {
        return client.send(request(https("/api/admin/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                BodyHandlers.ofString());
    }

    private RecordedSocket openSocket() throws Exception {
        return RecordedSocket.open(client, URI.create("wss://localhost:" + server.httpsPort() + "/ws"));
    }

    private static JsonNode assertReply(RecordedSocket socket, String type, String field, String value)
            throws Exception {
        JsonNode reply = JSON.readTree(socket.nextMessage(FRAME_LIMIT));
        assertEquals(type, reply.path("type").asText(), reply.toString());
        assertEquals(value, reply.path(field).asText(), reply.toString());
        return reply;
    }

    private static JsonNode assertError(RecordedSocket socket, String code) throws Exception {
        JsonNode error = assertReply(socket, "error", "code", code);
        assertTrue(socket.isOpen(), "socket closed after an error frame");
        return error;
    }

    private void assertStillReady() throws Exception {
        assertEquals(200, get(https("/health/ready")).statusCode(), "/health/ready after a bad request");
    }

    private static void assertHtmlPage(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.uri().toString());
        assertContentType("text/html", response);
        assertTrue(response.body().contains("<html"), "not an HTML page: " + head(response.body()));
    }

    private static void assertProblem(int status, HttpResponse<String> response) throws IOException {
        assertEquals(status, response.statusCode(), response.uri() + ": " + head(response.body()));
        assertContentType("application/problem+json", response);
        assertEquals(status, JSON.readTree(response.body()).path("status").asInt(), response.body());
    }

    private static void assertContentType(String expected, HttpResponse<?> response) {
        String actual = response.headers().firstValue("Content-Type").orElse("(none)");
        assertTrue(actual.startsWith(expected), response.uri() + " Content-Type: " + actual);
    }

    private Path brandingJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(server.home().resolve("extras"),
                "lanvan-branding-*.jar")) {
            return jars.iterator().next();
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(request(uri).build(), BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }

    private URI https(String path) {
        return URI.create("https://localhost:" + server.httpsPort() + path);
    }

    private URI http(String path) {
        return URI.create("http://localhost:" + server.httpPort() + path);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String head(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
