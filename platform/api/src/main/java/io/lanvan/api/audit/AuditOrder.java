package io.lanvan.api.audit;

/** The order of a page of records: by sequence, which is also the order of their timestamps. */
public enum AuditOrder {
    NEWEST_FIRST, OLDEST_FIRST
}
