package io.lanvan.persistence.internal;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without runtime proxies (its "none" bytecode provider). ByteBuddy defines an entity's
 * proxy class in the entity's own class loader; for a capability bundle that loader cannot see
 * {@code org.hibernate.proxy}, and building the schema's EntityManagerFactory fails. So
 * {@code getReference} and lazy to-one associations are not available to schemas
 * (docs/persistence.md). Hibernate finds this through {@code META-INF/services}: its bytecode
 * provider is a service chosen by ServiceLoader, and no setting selects it for the ORM.
 */
public final class NoRuntimeProxies implements ServiceContributor {
    @Override
    public void contribute(StandardServiceRegistryBuilder services) {
        services.addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
    }
}
