package io.lanvan.web.internal.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.glassfish.jersey.model.Parameter;
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
        List<Map<String, Object>> parameters = new ArrayList<>(TEMPLATE.matcher(path).results()
                .map(match -> Map.<String, Object>of("name", match.group(1), "in", "path", "required", true,
                        "schema", Map.of("type", "string")))
                .toList());
        Class<?> entity = null;
        for (Parameter parameter : method.getInvocable().getParameters()) {
            if (parameter.getSource() == Parameter.Source.QUERY) {
                parameters.add(Map.of("name", parameter.getSourceName(), "in", "query", "required", false,
                        "schema", schemaOf(parameter.getRawType(), parameter.getDefaultValue())));
            } else if (parameter.getSource() == Parameter.Source.ENTITY) {
                entity = parameter.getRawType();
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (!method.getConsumedTypes().isEmpty() || entity != null) {
            String consumed = method.getConsumedTypes().isEmpty() ? MediaType.APPLICATION_JSON
                    : method.getConsumedTypes().toString();
            operation.put("requestBody", Map.of("content", content(consumed, entity == null ? Map.of() : bodySchema(entity))));
        }
        String produced = method.getProducedTypes().isEmpty() ? MediaType.APPLICATION_JSON
                : method.getProducedTypes().get(0).toString();
        operation.put("responses", Map.of(
                "200", Map.of("description", "Success", "content", content(produced, Map.of())),
                "default", Map.of("description", "An RFC 9457 problem",
                        "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))))));
        return operation;
    }

    private static Map<String, Object> content(String mediaTypes, Map<String, Object> schema) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : mediaTypes.replaceAll("[\\[\\]]", "").split(",\\s*")) {
            content.put(type, schema.isEmpty() ? Map.of() : Map.of("schema", schema));
        }
        return content;
    }

    /** A record body is described field by field; anything else (a map of settings) as an object. */
    private static Map<String, Object> bodySchema(Class<?> entity) {
        if (!entity.isRecord()) {
            return Map.of("type", "object");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : entity.getRecordComponents()) {
            properties.put(component.getName(), schemaOf(component.getType(), null));
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> schemaOf(Class<?> type, String defaultValue) {
        String kind;
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            kind = "integer";
        } else if (type == boolean.class || type == Boolean.class) {
            kind = "boolean";
        } else if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            kind = "number";
        } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            kind = "array";
        } else if (type == String.class || type.isEnum()) {
            kind = "string";
        } else {
            kind = "object";
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", kind);
        if (defaultValue != null) {
            schema.put("default", defaultValue);
        }
        return schema;
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
