package io.lanvan.api.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking the chain: how many records were checked (from {@code firstSequence} to
 * {@code lastSequence}) and, when the chain is broken, where it first breaks and why. Records after
 * a break are not checked. {@code firstSequence} and {@code lastSequence} are 0 when nothing was checked.
 */
public record AuditVerification(long verifiedRecords, long firstSequence, long lastSequence, Optional<BrokenLink> broken) {
    public AuditVerification {
        Objects.requireNonNull(broken, "broken");
    }

    /** The first record that does not fit the chain, and why (edited, missing, out of place). */
    public record BrokenLink(long sequence, String reason) {
        public BrokenLink {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public boolean intact() {
        return broken.isEmpty();
    }
}
