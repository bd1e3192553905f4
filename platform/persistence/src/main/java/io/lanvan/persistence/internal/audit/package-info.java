/** The audit log's tables as JPA entities and the {@link io.lanvan.api.store.AuditStore} built on them. */
package io.lanvan.persistence.internal.audit;
