package io.lanvan.persistence.internal;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;

/**
 * A schema in service: migrated, and its entities validated by the EntityManagerFactory it is used
 * through; {@code connections} for the JDBC work JPA cannot express (batched inserts).
 */
public record OpenSchema(SchemaDeclaration declaration, EntityManagerFactory entityManagerFactory, DataSource connections)
        implements AutoCloseable {
    @Override
    public void close() {
        if (entityManagerFactory.isOpen()) {
            entityManagerFactory.close();
        }
    }
}
