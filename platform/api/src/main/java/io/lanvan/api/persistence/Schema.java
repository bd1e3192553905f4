package io.lanvan.api.persistence;

import java.util.regex.Pattern;

/**
 * How a bundle gets a schema of its own in the server's database, with no platform code: manifest
 * headers the persistence engine reads while the bundle is active (docs/persistence.md).
 *
 * <pre>
 * LANVan-Schema: trust
 * LANVan-Schema-Entities: ${classes;ANNOTATED;jakarta.persistence.Entity}
 * </pre>
 *
 * The engine applies the Flyway migrations in the bundle's {@code db/trust/} folder, keeping their
 * history in a table of the schema's own ({@code flyway_trust_history}), validates the listed JPA
 * entities against the result, and registers a {@code jakarta.persistence.EntityManagerFactory}
 * service in the declaring bundle's name with {@value #UNIT_NAME}{@code =trust} and
 * {@value #DATABASE}, and a {@code javax.sql.DataSource} with the same properties for JDBC work JPA
 * cannot express (batched inserts). When the bundle stops, the services go and the data stays.
 */
public final class Schema {
    /** The manifest header naming the bundle's schema. */
    public static final String HEADER = "LANVan-Schema";
    /** The manifest header listing the bundle's entity classes, comma-separated (may be empty). */
    public static final String ENTITIES_HEADER = "LANVan-Schema-Entities";
    /** Service property of the EntityManagerFactory and DataSource: the schema's name (as in the OSGi JPA specification). */
    public static final String UNIT_NAME = "osgi.unit.name";
    /** Service property of the EntityManagerFactory and DataSource: which database holds the schema, {@code h2} or {@code postgresql}. */
    public static final String DATABASE = "lanvan.database";
    /**
     * Service property of the EntityManagerFactory and DataSource: where the database is, without
     * credentials (an H2 file path, or host, port and database), so data can be told apart from a copy elsewhere.
     */
    public static final String LOCATION = "lanvan.database.location";
    /** Where a schema's migrations are in the declaring bundle: this folder followed by the schema's name. */
    public static final String MIGRATIONS_FOLDER = "db/";

    /**
     * What a schema may be called: it names the migrations folder, the history table and prefixes the
     * schema's tables, so lower-case letters, digits and {@code _}, starting with a letter, at most 30.
     */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,29}");

    private Schema() {
    }

    /** The LDAP filter that selects the EntityManagerFactory (or DataSource) of the named schema, for a DS reference's target. */
    public static String unitFilter(String name) {
        return "(" + UNIT_NAME + "=" + name + ")";
    }
}
