package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.platform.BundleKind;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code /api/admin/config}: the settings of LANVan's capabilities and plugins as their Metatype
 * describes them, so the console can build a form for any of them without knowing it. Values are
 * checked against the definition (type, options, required) before they are saved; passwords are
 * never sent back.
 *
 * <p>Only {@code io.lanvan.*} settings described by a LANVan bundle are served: the container's
 * own (Jetty's TLS and proxy settings, the hot folder) are the operator's, in {@code etc/}. The
 * database connection ({@value #DATABASE_PID}) is never served either: a changed database URL can
 * run code or reach other hosts, so it is set in {@code etc/} or the environment only.
 */
@Component(service = ConfigResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin/config")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {
    private static final String MASK = "********";
    private static final String OUR_PIDS = "io.lanvan.";
    static final String DATABASE_PID = "io.lanvan.persistence";

    private final BundleContext context;
    private final MetaTypeService metatypes;
    private final ConfigurationAdmin configurations;
    /** Optional and dynamic: settings can be changed while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    /** Optional and dynamic: policy settings get its own checks while it runs, Metatype's alone while it is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;

    @Activate
    public ConfigResource(BundleContext context, @Reference MetaTypeService metatypes, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.metatypes = metatypes;
        this.configurations = configurations;
    }

    public record Attribute(String id, String name, String description, String type, int cardinality,
                            List<String> defaultValue, List<Map<String, String>> options, boolean required, Object value) {}

    public record Settings(String pid, String name, String description, String bundle, List<Attribute> attributes) {}

    public record SettingsSummary(String pid, String name, String description, String bundle) {}

    @GET
    public List<SettingsSummary> list() {
        List<SettingsSummary> all = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatypes.getMetaTypeInformation(bundle);
            if (info == null || !isOurs(bundle)) {
                continue;
            }
            for (String pid : info.getPids()) {
                if (!served(pid)) {
                    continue;
                }
                ObjectClassDefinition definition = info.getObjectClassDefinition(pid, null);
                all.add(new SettingsSummary(pid, definition.getName(), definition.getDescription(), bundle.getSymbolicName()));
            }
        }
        all.sort(java.util.Comparator.comparing(SettingsSummary::name));
        return all;
    }

    @GET
    @Path("{pid}")
    public Settings get(@PathParam("pid") String pid) throws IOException {
        Described described = describe(pid);
        Dictionary<String, Object> current = configurations.getConfiguration(pid, "?").getProperties();
        List<Attribute> attributes = new ArrayList<>();
        for (AttributeDefinition attribute : described.definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Object value = current == null ? null : current.get(attribute.getID());
            attributes.add(new Attribute(attribute.getID(), attribute.getName(), attribute.getDescription(),
                    typeName(attribute.getType()), attribute.getCardinality(),
                    attribute.getType() == AttributeDefinition.PASSWORD ? List.of() : listOf(attribute.getDefaultValue()),
                    options(attribute), isRequired(described, attribute),
                    attribute.getType() == AttributeDefinition.PASSWORD && value != null ? MASK : value));
        }
        return new Settings(pid, described.definition.getName(), described.definition.getDescription(),
                described.bundle.getSymbolicName(), attributes);
    }

    @PUT
    @Path("{pid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Settings put(@PathParam("pid") String pid, Map<String, Object> values, @Context HttpServletRequest request)
            throws IOException {
        if (values == null || values.isEmpty()) {
            throw ProblemException.badRequest("Send the settings to change as a JSON object");
        }
        Described described = describe(pid);
        Map<String, AttributeDefinition> byId = new LinkedHashMap<>();
        for (AttributeDefinition attribute : described.definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            byId.put(attribute.getID(), attribute);
        }
        Map<String, Object> converted = new TreeMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            AttributeDefinition attribute = byId.get(entry.getKey());
            if (attribute == null) {
                throw ProblemException.badRequest("Unknown field '" + entry.getKey() + "' for " + pid);
            }
            if (attribute.getType() == AttributeDefinition.PASSWORD && MASK.equals(entry.getValue())) {
                continue;
            }
            converted.put(entry.getKey(), SettingValues.convert(attribute, entry.getValue()));
        }
        Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        converted.forEach(properties::put);
        refuseInvalidPolicies(pid, properties);
        Map<String, String> details = new TreeMap<>();
        converted.forEach((key, value) -> details.put(key,
                byId.get(key).getType() == AttributeDefinition.PASSWORD ? "(changed)" : SettingValues.text(value)));
        Admins.recordFirst(audit, request, "admin.config.changed", pid, details);
        configuration.update(properties);
        return get(pid);
    }

    /** The policy service's own checks (address lists, sizes...) apply here as they do on /api/admin/policies. */
    private void refuseInvalidPolicies(String pid, Dictionary<String, Object> properties) {
        PolicyService service = policies;
        if (!pid.equals(PolicySettings.PID) || service == null) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (java.util.Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            settings.put(key, properties.get(key));
        }
        List<String> problems = service.validate(settings);
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", problems));
        }
    }

    private record Described(Bundle bundle, MetaTypeInformation info, ObjectClassDefinition definition) {}

    private Described describe(String pid) {
        if (pid.equals(DATABASE_PID)) {
            throw new ProblemException(403, "Forbidden", "The database connection (" + DATABASE_PID
                    + ") is set in etc/" + DATABASE_PID + ".cfg or the environment on the server, never over HTTP.");
        }
        if (!served(pid)) {
            throw ProblemException.notFound("No LANVan settings named '" + pid + "'; only io.lanvan.* settings are served here");
        }
        for (Bundle bundle : context.getBundles()) {
            if (!isOurs(bundle)) {
                continue;
            }
            MetaTypeInformation info = metatypes.getMetaTypeInformation(bundle);
            if (info != null && List.of(info.getPids()).contains(pid)) {
                return new Described(bundle, info, info.getObjectClassDefinition(pid, null));
            }
        }
        throw ProblemException.notFound("No settings described for '" + pid + "'");
    }

    private static boolean served(String pid) {
        return pid.startsWith(OUR_PIDS) && !pid.equals(DATABASE_PID);
    }

    private static boolean isOurs(Bundle bundle) {
        return BundleKind.isLanvan(bundle);
    }

    private static boolean isRequired(Described described, AttributeDefinition attribute) {
        AttributeDefinition[] required = described.definition.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        return required != null && java.util.Arrays.stream(required).anyMatch(r -> r.getID().equals(attribute.getID()));
    }

    private static List<String> listOf(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static List<Map<String, String>> options(AttributeDefinition attribute) {
        String[] values = attribute.getOptionValues();
        String[] labels = attribute.getOptionLabels();
        if (values == null) {
            return List.of();
        }
        List<Map<String, String>> options = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(Map.of("value", values[i], "label", labels != null && i < labels.length ? labels[i] : values[i]));
        }
        return options;
    }

    static String typeName(int type) {
        return Optional.ofNullable(SettingValues.TYPE_NAMES.get(type)).orElse("string");
    }
}
