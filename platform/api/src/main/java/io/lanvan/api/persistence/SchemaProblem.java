package io.lanvan.api.persistence;

/**
 * A declared schema that is not in service.
 *
 * @param schema    the schema's name as declared (or the header's raw value when that is invalid)
 * @param bundle    the symbolic name of the declaring bundle
 * @param migration the version of the migration that failed, or empty when no migration did
 * @param reason    what went wrong, in one line
 */
public record SchemaProblem(String schema, String bundle, String migration, String reason) {
    /** One line for a readiness report or a log. */
    public String describe() {
        return "schema " + schema + " (" + bundle + "): " + (migration.isEmpty() ? "" : "migration " + migration + " failed: ") + reason;
    }
}
