package io.lanvan.audit.internal.store;

import io.lanvan.api.persistence.Schema;
import jakarta.persistence.EntityManagerFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers this bundle's {@link AuditStore} once the persistence engine serves its {@code audit}
 * schema, with the schema's {@link Schema#DATABASE} and {@link Schema#LOCATION}: the chain keeps its
 * checkpoints outside the database per location. Registered by hand only to carry those properties,
 * which DS cannot take from a reference. The service type is internal, so only this bundle sees it.
 */
@Component(service = {}, immediate = true)
public final class AuditSchema {
    static final String NAME = "audit";

    private final ServiceRegistration<AuditStore> registration;

    @Activate
    public AuditSchema(BundleContext context,
            @Reference(service = EntityManagerFactory.class, target = "(" + Schema.UNIT_NAME + "=" + NAME + ")")
            Map.Entry<Map<String, Object>, EntityManagerFactory> entities,
            @Reference(target = "(" + Schema.UNIT_NAME + "=" + NAME + ")") DataSource connections) {
        Dictionary<String, Object> properties = new Hashtable<>();
        copy(entities.getKey(), Schema.DATABASE, properties);
        copy(entities.getKey(), Schema.LOCATION, properties);
        registration = context.registerService(AuditStore.class, new JpaAuditStore(entities.getValue(), connections), properties);
    }

    private static void copy(Map<String, Object> from, String key, Dictionary<String, Object> to) {
        Object value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
