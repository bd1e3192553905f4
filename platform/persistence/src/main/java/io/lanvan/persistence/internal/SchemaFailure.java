package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.SchemaProblem;

/** A schema could not be put in service: a migration failed, or the entities do not match the migrated tables. */
public final class SchemaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SchemaProblem problem;

    SchemaFailure(SchemaProblem problem, Throwable cause) {
        super(problem.describe(), cause);
        this.problem = problem;
    }

    public SchemaProblem problem() {
        return problem;
    }
}
