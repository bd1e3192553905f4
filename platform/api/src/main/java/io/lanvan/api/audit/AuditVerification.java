package io.lanvan.api.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking the chain: how many records were checked (from {@code firstSequence} to
 * {@code lastSequence}) and, when the chain is broken, where it first breaks and why. Records after
 * a break are not checked. {@code firstSequence} and {@code lastSequence} are 0 when nothing was checked.
 *
 * <p>The chain alone cannot tell a record edited by someone who then recomputed every later hash.
 * The log therefore signs checkpoints of the chain's head with a key kept outside the database and
 * appends them to a file; {@code anchoredThrough} is the highest sequence such a signed checkpoint
 * confirmed (0 when none did: no key, no checkpoint yet, or the file is gone), and {@code
 * anchorKeyFingerprint} identifies the key that checked them (the SHA-256 of its public key, hex),
 * so an admin can compare it with the one they noted. A checkpoint that does not match the chain,
 * or whose signature does not verify, is reported as a {@link BrokenLink}.
 *
 * @since 1.1
 */
public record AuditVerification(long verifiedRecords, long firstSequence, long lastSequence, Optional<BrokenLink> broken,
                                long anchoredThrough, Optional<String> anchorKeyFingerprint) {
    public AuditVerification {
        Objects.requireNonNull(broken, "broken");
        Objects.requireNonNull(anchorKeyFingerprint, "anchorKeyFingerprint");
        if (anchoredThrough < 0) {
            throw new IllegalArgumentException("anchoredThrough must be 0 or a sequence, was " + anchoredThrough);
        }
    }

    /** A result without anchoring (as of version 1.0). */
    public AuditVerification(long verifiedRecords, long firstSequence, long lastSequence, Optional<BrokenLink> broken) {
        this(verifiedRecords, firstSequence, lastSequence, broken, 0, Optional.empty());
    }

    /** The first record that does not fit the chain, and why (edited, missing, out of place, not as anchored). */
    public record BrokenLink(long sequence, String reason) {
        public BrokenLink {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public boolean intact() {
        return broken.isEmpty();
    }

    /** Whether a signed checkpoint outside the database confirmed at least part of the chain. */
    public boolean anchored() {
        return anchoredThrough > 0;
    }
}
