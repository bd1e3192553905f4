package io.lanvan.api.audit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** A page of records in the order asked for; {@code next} is the cursor of the following page, empty on the last one. */
public record AuditPage(List<AuditRecord> records, OptionalLong next) {
    public AuditPage {
        records = List.copyOf(records);
        Objects.requireNonNull(next, "next");
    }
}
