package io.lanvan.api.audit;

import java.util.Objects;

/**
 * One page of records: those matching {@code filter}, in {@code order}, after the {@code cursor}
 * (the {@link AuditPage#next()} of the previous page; 0 starts at the beginning of that order),
 * at most {@code limit} (1-{@value #MAX_LIMIT}). Cursors are sequences, so paging is stable while
 * records are being added.
 */
public record AuditQuery(AuditFilter filter, AuditOrder order, long cursor, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (cursor < 0) {
            throw new IllegalArgumentException("cursor must be 0 or a sequence from a previous page, was " + cursor);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The latest {@code limit} records. */
    public static AuditQuery newestFirst(int limit) {
        return new AuditQuery(AuditFilter.ALL, AuditOrder.NEWEST_FIRST, 0, limit);
    }

    /** The earliest {@code limit} records still kept. */
    public static AuditQuery oldestFirst(int limit) {
        return new AuditQuery(AuditFilter.ALL, AuditOrder.OLDEST_FIRST, 0, limit);
    }

    public AuditQuery withFilter(AuditFilter value) {
        return new AuditQuery(value, order, cursor, limit);
    }

    /** The page that follows the one {@code next} came from. */
    public AuditQuery after(long next) {
        return new AuditQuery(filter, order, next, limit);
    }
}
