/**
 * The audit log's own schema {@code audit} (declared in bnd.bnd, migrations in {@code db/audit/}):
 * its tables as JPA entities and the {@link io.lanvan.audit.internal.store.AuditStore} built on them.
 */
package io.lanvan.audit.internal.store;
