/**
 * The tamper-evident audit log: what other bundles record (who did what to what), and how admins
 * read, verify, export and purge it. Records form a SHA-256 hash chain, so an edited, removed or
 * reordered record is found by {@link io.lanvan.api.audit.AuditLog#verify()}.
 */
@Version("1.0.0")
@Export
package io.lanvan.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
