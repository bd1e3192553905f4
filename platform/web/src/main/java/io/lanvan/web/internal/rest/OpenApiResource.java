package io.lanvan.web.internal.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3.1 description built from the JAX-RS model of the
 * resources registered right now, so a plugin's routes appear when it is deployed and vanish
 * when it is removed.
 */
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private final String version;

    public OpenApiResource(String version) {
        this.version = version;
    }

    @GET
    public Map<String, Object> document(@Context Application application) {
        Map<String, Object> paths = new TreeMap<>();
        Stream.concat(application.getSingletons().stream().map(Object::getClass), application.getClasses().stream())
                .filter(Resource::isAcceptable)
                .filter(type -> type.isAnnotationPresent(Path.class))
                .map(Resource::from)
                .forEach(resource -> describe(resource, "", paths));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "LANVan API", "version", version));
        document.put("servers", List.of(Map.of("url", "/api")));
        document.put("paths", paths);
        document.put("components", Map.of("schemas", Map.of("Problem", problemSchema())));
        return document;
    }

    private static void describe(Resource resource, String parent, Map<String, Object> paths) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) paths.computeIfAbsent(path, p -> new TreeMap<>());
            operations.put(method.getHttpMethod().toLowerCase(Locale.ROOT), operation(method, path));
        }
        for (Resource child : resource.getChildResources()) {
            describe(child, path, paths);
        }
    }

    private static Map<String, Object> operation(ResourceMethod method, String path) {
        var handler = method.getInvocable().getDefinitionMethod();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", handler.getDeclaringClass().getSimpleName() + "." + handler.getName());
        List<Map<String, Object>> parameters = TEMPLATE.matcher(path).results()
                .map(match -> Map.<String, Object>of("name", match.group(1), "in", "path", "required", true,
                        "schema", Map.of("type", "string")))
                .toList();
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (!method.getConsumedTypes().isEmpty()) {
            operation.put("requestBody", Map.of("content", content(method.getConsumedTypes().toString())));
        }
        String produced = method.getProducedTypes().isEmpty() ? MediaType.APPLICATION_JSON
                : method.getProducedTypes().get(0).toString();
        operation.put("responses", Map.of(
                "200", Map.of("description", "Success", "content", content(produced)),
                "default", Map.of("description", "An RFC 9457 problem",
                        "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))))));
        return operation;
    }

    private static Map<String, Object> content(String mediaTypes) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : mediaTypes.replaceAll("[\\[\\]]", "").split(",\\s*")) {
            content.put(type, Map.of());
        }
        return content;
    }

    private static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        Matcher withoutRegex = TEMPLATE.matcher(joined);
        joined = withoutRegex.replaceAll(match -> "{" + match.group(1) + "}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Map<String, Object> problemSchema() {
        return Map.of("type", "object", "required", List.of("title", "status"), "properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                "instance", Map.of("type", "string")));
    }
}
