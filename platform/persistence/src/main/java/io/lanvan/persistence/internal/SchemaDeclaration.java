package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.Schema;
import java.util.Arrays;
import java.util.List;

/**
 * A schema a bundle asked for: its name, the entity classes Hibernate validates against it, and the
 * class loader that sees those classes and the bundle's {@code db/<name>/} migrations.
 *
 * @param owner the declaring bundle's symbolic name, for logs and readiness reports
 */
public record SchemaDeclaration(String name, String owner, List<String> entityClassNames, ClassLoader classLoader) {
    public SchemaDeclaration {
        if (!Schema.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(Schema.HEADER + " must be 1-30 characters [a-z0-9_] starting with a letter, was '"
                    + name + "'");
        }
        entityClassNames = List.copyOf(entityClassNames);
    }

    /** Reads the headers' values; {@code entities} may be null or empty for a schema without mappings. */
    public static SchemaDeclaration of(String header, String entities, String owner, ClassLoader classLoader) {
        List<String> classes = entities == null ? List.of()
                : Arrays.stream(entities.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        return new SchemaDeclaration(header == null ? "" : header.trim(), owner, classes, classLoader);
    }

    /** Flyway's location of the migrations. */
    String migrations() {
        return "classpath:" + Schema.MIGRATIONS_FOLDER + name;
    }

    /** The schema's own migration history, so each schema's versions count on their own. */
    String historyTable() {
        return "flyway_" + name + "_history";
    }
}
