package io.lanvan.persistence.internal.audit;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.store.AuditStore;
import jakarta.persistence.EntityManagerFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers the audit store once the engine has served this bundle's {@code audit} schema (declared in
 * bnd.bnd like any capability's), saying which database holds it. Registered by hand only to carry
 * that property, which DS cannot take from a reference.
 */
@Component(service = {}, immediate = true)
public final class AuditStoreService {
    static final String SCHEMA = "audit";

    private final ServiceRegistration<AuditStore> registration;

    @Activate
    public AuditStoreService(BundleContext context, @Reference(service = EntityManagerFactory.class,
            target = "(" + Schema.UNIT_NAME + "=" + SCHEMA + ")") Map.Entry<Map<String, Object>, EntityManagerFactory> schema) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(AuditStore.DATABASE, schema.getKey().get(Schema.DATABASE));
        properties.put(AuditStore.LOCATION, schema.getKey().get(Schema.LOCATION));
        registration = context.registerService(AuditStore.class,
                new HibernateAuditStore(schema.getValue().unwrap(SessionFactory.class)), properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
