package io.lanvan.admin.internal;

import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.web.ProblemException;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Saves policy changes as the {@code io.lanvan.policy} configuration, after the policy service checked them. */
final class PolicySettings {
    static final String PID = "io.lanvan.policy";

    private PolicySettings() {
    }

    /**
     * Validates the changes merged over the policies in force (400 naming the field), runs
     * {@code recordFirst} (which throws when the change cannot be recorded), then saves them.
     */
    static void save(PolicyService policies, ConfigurationAdmin configurations, Map<String, Object> changes, Runnable recordFirst)
            throws IOException {
        Map<String, Object> merged = new LinkedHashMap<>(PoliciesResource.view(policies.current()));
        merged.putAll(changes);
        List<String> problems = policies.validate(merged);
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", problems));
        }
        recordFirst.run();
        Configuration configuration = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        merged.forEach((key, value) -> properties.put(key, configValue(value)));
        configuration.update(properties);
    }

    private static Object configValue(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return value;
    }
}
