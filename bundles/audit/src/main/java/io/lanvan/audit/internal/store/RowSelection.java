package io.lanvan.audit.internal.store;

import io.lanvan.api.audit.AuditFilter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The JPQL for "rows matching a filter, beyond a sequence, in sequence order", with its parameters. */
final class RowSelection {
    private final StringBuilder where = new StringBuilder("where 1 = 1");
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final boolean descending;

    private RowSelection(AuditFilter filter, boolean descending, Function<String, Optional<String>> sealedPrefix) {
        this.descending = descending;
        if (filter.from() != null) {
            condition("r.recordedAt >= :from", "from", filter.from());
        }
        if (filter.to() != null) {
            condition("r.recordedAt < :to", "to", filter.to());
        }
        if (filter.actionPrefix() != null) {
            condition("r.action like :actionPrefix escape '!'", "actionPrefix", escapeLike(filter.actionPrefix()) + "%");
        }
        if (filter.actor() != null) {
            exactly("actor", filter.actor(), sealedPrefix);
        }
        if (filter.subject() != null) {
            exactly("subject", filter.subject(), sealedPrefix);
        }
        if (filter.text() != null) {
            condition("(lower(r.action) like :text escape '!' or lower(r.actor) like :text escape '!'"
                    + " or lower(r.subject) like :text escape '!' or lower(r.details) like :text escape '!')",
                    "text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
    }

    /**
     * A device reference is stored sealed, with a random nonce, so it is found by the start its
     * sealed form has ({@code sealedPrefix}: the device's key ref), besides as it was stored in clear before sealing.
     */
    private void exactly(String field, String value, Function<String, Optional<String>> sealedPrefix) {
        Optional<String> sealed = sealedPrefix.apply(value);
        if (sealed.isPresent()) {
            where.append(" and (r.").append(field).append(" = :").append(field).append(" or r.").append(field)
                    .append(" like :").append(field).append("Sealed escape '!')");
            parameters.put(field, value);
            parameters.put(field + "Sealed", escapeLike(sealed.get()) + "%");
        } else {
            condition("r." + field + " = :" + field, field, value);
        }
    }

    /** Ascending from {@code afterSequence} (exclusive; 0 for the first); sealed device references found by {@code sealedPrefix}. */
    static RowSelection ascending(AuditFilter filter, long afterSequence, Function<String, Optional<String>> sealedPrefix) {
        RowSelection selection = new RowSelection(filter, false, sealedPrefix);
        if (afterSequence > 0) {
            selection.condition("r.sequence > :cursor", "cursor", afterSequence);
        }
        return selection;
    }

    /** Descending from {@code beforeSequence} (exclusive; 0 for the newest). */
    static RowSelection descending(AuditFilter filter, long beforeSequence, Function<String, Optional<String>> sealedPrefix) {
        RowSelection selection = new RowSelection(filter, true, sealedPrefix);
        if (beforeSequence > 0) {
            selection.condition("r.sequence < :cursor", "cursor", beforeSequence);
        }
        return selection;
    }

    TypedQuery<AuditRecordRow> query(EntityManager session, int maxRows) {
        TypedQuery<AuditRecordRow> query = session.createQuery(
                "select r from AuditRecordRow r " + where + " order by r.sequence " + (descending ? "desc" : "asc"),
                AuditRecordRow.class);
        parameters.forEach(query::setParameter);
        // Hibernate's hints by name (its API is private to the persistence bundle): rows are only read,
        // so no snapshots for dirty checking, and fetched from the cursor in bounded chunks
        return query.setMaxResults(maxRows).setHint("org.hibernate.readOnly", true)
                .setHint("org.hibernate.fetchSize", Math.min(maxRows, 1000));
    }

    private void condition(String hql, String name, Object value) {
        where.append(" and ").append(hql);
        parameters.put(name, value);
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
