package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.SchemaProblem;
import org.osgi.framework.Bundle;

/**
 * One start of a bundle that declares a schema: tracked while the bundle is active. A new start is a
 * new instance (compared by identity), so a bundle stopped and started before the engine caught up
 * is still withdrawn and served again.
 *
 * @param declaration null when the headers are invalid
 * @param invalid     why the headers are invalid, or null
 */
record DeclaredSchema(Bundle bundle, SchemaDeclaration declaration, SchemaProblem invalid) {
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
