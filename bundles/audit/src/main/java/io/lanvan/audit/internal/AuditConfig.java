package io.lanvan.audit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The audit log's settings, from {@code etc/io.lanvan.audit.cfg}; changes apply while the server runs. */
@ObjectClassDefinition(name = "Audit log", description = "The tamper-evident record of what admins, devices and the server did")
public @interface AuditConfig {
    String PID = "io.lanvan.audit";

    @AttributeDefinition(min = "0", description = "Days records are kept. Older ones are purged once a day; the"
            + " chain stays verifiable from the purge checkpoint. 0 keeps every record")
    int retentionDays() default 365;

    @AttributeDefinition(description = "Whether transfer records may name the files transferred")
    boolean recordFileNames() default false;

    @AttributeDefinition(min = "1", max = "5000", description = "Events written in one database transaction at most"
            + " (group commit); more waiting events go into the next one")
    int maxBatchSize() default 500;

    @AttributeDefinition(min = "1", description = "Records after which the chain's head is signed and appended to"
            + " data/audit/anchors.log at the latest (a checkpoint outside the database, which verify checks)")
    int anchorEveryRecords() default 1000;

    @AttributeDefinition(min = "1", description = "Seconds a record waits at most before the chain's head is signed"
            + " and appended to data/audit/anchors.log: how long a rewrite of the database could go unnoticed")
    int anchorEverySeconds() default 60;
}
