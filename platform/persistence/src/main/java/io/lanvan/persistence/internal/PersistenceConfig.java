package io.lanvan.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The server's database, from {@code etc/io.lanvan.persistence.cfg}. When {@code jdbcUrl} is empty,
 * the launcher's {@code LANVAN_DB_URL} (with {@code LANVAN_DB_USER} / {@code LANVAN_DB_PASSWORD})
 * is used, and without that an embedded H2 file under the data folder.
 */
@ObjectClassDefinition(name = "Database", description = "The database that holds the audit log and other server state")
public @interface PersistenceConfig {
    String PID = "io.lanvan.persistence";

    @AttributeDefinition(required = false, description = "JDBC URL: jdbc:postgresql://host:5432/db (parameters sslmode, ssl,"
            + " sslrootcert, sslcert, sslkey, connectTimeout, socketTimeout, loginTimeout, tcpKeepAlive, ApplicationName,"
            + " user, password only) or jdbc:h2:file:<path under the data folder> without ';' options;"
            + " empty uses LANVAN_DB_URL, then the embedded H2 database under data/db")
    String jdbcUrl() default "";

    @AttributeDefinition(required = false, description = "Database user (with jdbcUrl)")
    String user() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Database password (with jdbcUrl)")
    String password() default "";

    @AttributeDefinition(min = "1", max = "100", description = "Connections the pool opens at most")
    int maxPoolSize() default 10;

    @AttributeDefinition(required = false, description = "Schema for LANVan's tables, created if missing"
            + " (lower-case letters, digits, _); empty uses the user's default schema")
    String schema() default "";
}
