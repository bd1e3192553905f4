package io.lanvan.persistence.internal;

import jakarta.persistence.EntityManagerFactory;

/** A schema in service: migrated, and its entities validated by the EntityManagerFactory it is used through. */
public record OpenSchema(SchemaDeclaration declaration, EntityManagerFactory entityManagerFactory) implements AutoCloseable {
    @Override
    public void close() {
        if (entityManagerFactory.isOpen()) {
            entityManagerFactory.close();
        }
    }
}
