package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.testing.Eventually;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Every operation {@code /api/openapi.json} lists, called with malformed, oversized, wrongly typed and
 * missing bodies and parameters, anonymously and as a signed-in admin: no answer is a 500, every
 * error is {@code application/problem+json}, and no refused call changes what the admin API shows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpenApiAbuseIT {
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    /**
     * Path values as a client would encode them: unknown, huge, injection-shaped, non-ASCII. Not here:
     * invalid UTF-8 ({@code %ff}), NUL and encoded separators, which Jetty refuses with its own 400 page
     * before any LANVan code runs (WebEdgeAttackIT covers those as refusals).
     */
    private static final List<String> HOSTILE_PATH_VALUES = List.of("nope", "0", "-1", "x".repeat(2_000),
            "%27%20OR%20%271%27%3D%271", "%3Cscript%3Ealert(1)%3C%2Fscript%3E".replace("%2F", ""), "%E2%98%83",
            "io.lanvan.nope", "%20", "a%22b");
    private static final List<String> HOSTILE_BODIES = List.of("", "{", "}", "[]", "\"text\"", "42", "null", "true",
            "{\"a\":}", "{\"a\":1,\"a\":2}", "{\"unknownField\":1}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_001), "{\"big\":\"" + "y".repeat(1_500_000) + "\"}",
            "{\"a\":\"\\ud800\"}", "{\"a\":1e999999}");
    /** Calls that would end the session the test uses; exercised anonymously only. */
    private static final List<String> SESSION_ENDING = List.of("DELETE /admin/session");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void everyOperationRefusesAbuseWithProblemDetailsAndChangesNothing() throws Exception {
        Https https = new Https(context);
        assertEquals(200, https.await("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60)).statusCode());
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        JsonNode document = JSON.readTree(https.get("/api/openapi.json").body());
        List<Operation> operations = operations(document);
        assertTrue("too few operations in the OpenAPI document: " + operations, operations.size() >= 15);

        Abuse abuse = new Abuse(https.raw(), admin);
        for (boolean signedIn : new boolean[] {false, true}) {
            for (Operation operation : operations) {
                if (signedIn && SESSION_ENDING.contains(operation.method() + " " + operation.path())) {
                    continue;
                }
                abuse.run(operation, signedIn);
            }
        }
        assertEquals("calls answered wrongly (" + abuse.calls + " calls made)", List.of(), abuse.failures);
        assertEquals(200, https.get("/health/ready").statusCode());
        assertEquals(200, admin.get("/api/admin/bundles").statusCode());
    }

    record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {}

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            List<JsonNode> parameters = new ArrayList<>();
            entry.getValue().path("parameters").forEach(parameters::add);
            JsonNode body = entry.getValue().path("requestBody").path("content").path("application/json");
            operations.add(new Operation(entry.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), parameters,
                    entry.getValue().has("requestBody") ? body.path("schema") : null));
        }));
        return operations;
    }

    /** The calls of one run, what they answered, and the state they must leave alone. */
    private static final class Abuse {
        private final RawHttp raw;
        private final AdminClient admin;
        private final List<String> failures = new ArrayList<>();
        private int calls;
        /** The last call was accepted: what it changed may still be reaching the services (ConfigAdmin is asynchronous). */
        private boolean unsettled;

        Abuse(RawHttp raw, AdminClient admin) {
            this.raw = raw;
            this.admin = admin;
        }

        void run(Operation operation, boolean signedIn) throws Exception {
            String neutralBody = operation.bodySchema() == null ? null : "{}";
            for (String path : pathVariants(operation)) {
                call(operation, signedIn, path, neutralBody, "application/json");
            }
            String path = pathVariants(operation).get(0);
            for (String query : queryVariants(operation)) {
                call(operation, signedIn, path + query, neutralBody, "application/json");
            }
            if (operation.bodySchema() == null && operation.method().equals("GET")) {
                return;
            }
            for (String target : bodyTargets(operation)) {
                call(operation, signedIn, target, null, null);
                for (String body : HOSTILE_BODIES) {
                    call(operation, signedIn, target, body, "application/json");
                }
                call(operation, signedIn, target, "hello", "text/plain");
                call(operation, signedIn, target, "<a/>", "application/xml");
                call(operation, signedIn, target, "a=b", "application/x-www-form-urlencoded");
                for (String body : wronglyTypedBodies(operation, target)) {
                    call(operation, signedIn, target, body, "application/json");
                }
            }
        }

        private void call(Operation operation, boolean signedIn, String target, String body, String contentType)
                throws Exception {
            boolean mutating = !operation.method().equals("GET");
            String before = mutating ? (unsettled ? settledState() : state()) : null;
            List<String> headers = new ArrayList<>();
            if (signedIn) {
                headers.add("Cookie: " + admin.cookie);
                headers.add("X-CSRF-Token: " + admin.csrf);
            }
            String[] lines = headers.toArray(String[]::new);
            RawHttp.Response response = body == null && contentType == null
                    ? raw.secure(operation.method(), "/api" + target, lines)
                    : raw.secureWithBody(operation.method(), "/api" + target, contentType, body == null ? "" : body, lines);
            calls++;
            String call = (signedIn ? "admin " : "anonymous ") + operation.method() + " " + abbreviate(target)
                    + (body == null ? "" : " body " + abbreviate(body));
            if (response.status() >= 500) {
                failures.add(call + " -> " + response.status() + " " + abbreviate(response.body()));
            } else if (response.status() >= 400 && !"application/problem+json".equals(response.header("Content-Type"))) {
                failures.add(call + " -> " + response.status() + " as " + response.header("Content-Type"));
            }
            if (mutating && response.status() >= 400) {
                String after = state();
                if (!Objects.equals(before, after)) {
                    failures.add(call + " -> " + response.status() + " but changed what the admin API shows: " + changed(before, after));
                }
            }
            unsettled = mutating && response.status() < 400;
        }

        /** The state once two successive reads agree: an accepted change has reached every service. */
        private String settledState() throws Exception {
            String[] last = {state()};
            return Eventually.await(() -> {
                String previous = last[0];
                last[0] = state();
                return previous.equals(last[0]) ? last[0] : null;
            }, Objects::nonNull, Duration.ofSeconds(15));
        }

        /** The lines of the state that differ, abbreviated, for the failure message. */
        private static String changed(String before, String after) {
            List<String> was = List.of(before.split("\n"));
            List<String> now = List.of(after.split("\n"));
            List<String> differing = new ArrayList<>();
            for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
                String a = i < was.size() ? was.get(i) : "";
                String b = i < now.size() ? now.get(i) : "";
                if (!a.equals(b)) {
                    differing.add(abbreviate(a) + " => " + abbreviate(b));
                }
            }
            return String.join("; ", differing);
        }

        /** What refused calls must leave alone: settings, mode, policies, bundle states, devices. */
        private String state() throws Exception {
            StringBuilder state = new StringBuilder();
            for (String path : List.of("/api/admin/policies", "/api/admin/mode", "/api/admin/bundles",
                    "/api/admin/devices", "/api/admin/config")) {
                state.append(path).append('=').append(admin.get(path).body()).append('\n');
            }
            for (String pid : pids()) {
                state.append(pid).append('=').append(admin.get("/api/admin/config/" + pid).body()).append('\n');
            }
            return state.toString();
        }

        private List<String> pids() throws Exception {
            List<String> pids = new ArrayList<>();
            HttpResponse<String> list = admin.get("/api/admin/config");
            if (list.statusCode() == 200) {
                JSON.readTree(list.body()).forEach(settings -> pids.add(settings.path("pid").asText()));
            }
            return pids;
        }

        /** The operation's path with each path parameter replaced by hostile values (and real ids where harmless). */
        private List<String> pathVariants(Operation operation) throws Exception {
            List<String> variants = new ArrayList<>();
            Matcher parameter = TEMPLATE.matcher(operation.path());
            if (!parameter.find()) {
                return List.of(operation.path());
            }
            for (String value : HOSTILE_PATH_VALUES) {
                variants.add(TEMPLATE.matcher(operation.path()).replaceAll(Matcher.quoteReplacement(value)));
            }
            return variants;
        }

        /** Where bodies are sent: the first hostile path, and for settings every real PID (so validation runs). */
        private List<String> bodyTargets(Operation operation) throws Exception {
            List<String> targets = new ArrayList<>(List.of(pathVariants(operation).get(0)));
            if (operation.path().contains("{pid}")) {
                for (String pid : pids()) {
                    targets.add(operation.path().replace("{pid}", pid));
                }
            }
            return targets;
        }

        private static List<String> queryVariants(Operation operation) {
            List<String> variants = new ArrayList<>(List.of("?unknown=1", "?" + "q=" + "z".repeat(3_000)));
            for (JsonNode parameter : operation.parameters()) {
                if (!parameter.path("in").asText().equals("query")) {
                    continue;
                }
                String name = parameter.path("name").asText();
                List<String> values = parameter.path("schema").path("type").asText().equals("integer")
                        ? List.of("abc", "-1", "0", "99999999999999999999", "1e3", "", "2147483648", "-9223372036854775809")
                        : List.of("", "x".repeat(3_000), "%00", "%ff", "%27%20OR%201%3D1", "9999-99-99T99:99:99Z", "-1");
                for (String value : values) {
                    variants.add("?" + name + "=" + value);
                }
                variants.add("?" + name + "=1&" + name + "=2");
            }
            return variants;
        }

        /** One field at a time set to a value of the wrong JSON type, the other fields left out. */
        private List<String> wronglyTypedBodies(Operation operation, String target) throws Exception {
            Map<String, String> fields = new LinkedHashMap<>();
            if (operation.bodySchema() == null) {
                return List.of();
            }
            JsonNode properties = operation.bodySchema().path("properties");
            properties.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().path("type").asText()));
            if (fields.isEmpty() && admin.get("/api" + target).statusCode() == 200) {
                fieldsOf(JSON.readTree(admin.get("/api" + target).body()), fields);
            }
            List<String> bodies = new ArrayList<>();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                for (String value : wrongValues(field.getValue(), properties.isEmpty())) {
                    bodies.add("{" + JSON.writeValueAsString(field.getKey()) + ":" + value + "}");
                }
            }
            return bodies;
        }

        /** A map body's fields, read from what GET on the same path shows: top-level values or settings attributes. */
        private static void fieldsOf(JsonNode current, Map<String, String> fields) {
            if (current.has("attributes")) {
                current.path("attributes").forEach(attribute -> fields.put(attribute.path("id").asText(),
                        attribute.path("type").asText()));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> values = current.fields();
            while (values.hasNext()) {
                Map.Entry<String, JsonNode> value = values.next();
                fields.put(value.getKey(), value.getValue().isNumber() ? "integer" : value.getValue().isBoolean() ? "boolean"
                        : value.getValue().isArray() ? "array" : value.getValue().isObject() ? "object" : "string");
            }
        }

        /**
         * Values of another JSON type than the field's. A component's settings get only values no
         * reading could take for a valid one (a string "12" or -1 might be a legal change there).
         */
        private static List<String> wrongValues(String type, boolean settings) {
            String huge = "\"" + "w".repeat(100_000) + "\"";
            if (settings) {
                return switch (type) {
                    case "integer", "long", "number" -> List.of("[]", "{}", "\"twelve\"", "99999999999999999999999");
                    case "boolean" -> List.of("[]", "{}", "\"maybe\"");
                    case "array" -> List.of("{}", "[[]]", "[{}]");
                    default -> List.of("[]", "{}");
                };
            }
            return switch (type) {
                case "integer", "long", "number" -> List.of("\"12\"", "1.5", "99999999999999999999999", "-1", "true", "null",
                        "[]", "{}", "-9223372036854775809");
                case "boolean" -> List.of("\"yes\"", "1", "null", "[]");
                case "array" -> List.of("\"x\"", "{}", "[null]", "[123]", "[[]]", "null", "[" + huge + "]");
                case "object" -> List.of("\"x\"", "[]", "1", "null");
                default -> List.of("123", "true", "[]", "{}", "null", huge, "\"\\u0000\"");
            };
        }

        private static String abbreviate(String text) {
            return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + " chars)";
        }
    }
}
