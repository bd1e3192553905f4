/**
 * The tamper-evident audit log: what other bundles record (who did what to what), and how admins
 * read, verify, export and purge it. Records form a SHA-256 hash chain, so an edited, removed or
 * reordered record is found by {@link io.lanvan.api.audit.AuditLog#verify()}. Since 1.1 the chain's
 * head is also signed, from time to time, with a key the database does not hold, so a chain that was
 * rewritten and recomputed is found too; and over-long event texts are truncated instead of refused.
 * Since 1.2 events name devices as {@code device:<id>} ({@link io.lanvan.api.audit.AuditEvent#device}),
 * and what they say about devices is sealed per device, so it can be erased (crypto-shredding).
 */
@Version("1.2.0")
@Export
package io.lanvan.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
