/**
 * The audit log's tables as JPA entities and the {@link io.lanvan.api.store.AuditStore} built on them,
 * served from this bundle's own {@code audit} schema until the audit capability carries it.
 */
package io.lanvan.persistence.internal.audit;
