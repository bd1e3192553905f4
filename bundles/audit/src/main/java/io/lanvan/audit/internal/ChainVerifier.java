package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.audit.AuditVerification.BrokenLink;
import java.util.List;
import java.util.Optional;

/**
 * Checks records fed in sequence order against the chain: no sequence missing, each one pointing at
 * the hash of the one before (the checkpoint's, or 64 zeros, for the first), and each one's own hash
 * matching its contents. Stops at the first broken link.
 */
final class ChainVerifier {
    private final long firstSequence;
    private final String start;
    private long expectedSequence;
    private String expectedPreviousHash;
    private long verified;
    private BrokenLink broken;

    ChainVerifier(Optional<AuditCheckpoint> checkpoint) {
        this.expectedSequence = checkpoint.map(AuditCheckpoint::sequence).orElse(0L) + 1;
        this.expectedPreviousHash = checkpoint.map(AuditCheckpoint::hash).orElse(AuditRecord.GENESIS_HASH);
        this.firstSequence = expectedSequence;
        this.start = checkpoint.map(point -> "the checkpoint (purged record " + point.sequence() + ")")
                .orElse("the chain's start (64 zeros)");
    }

    /** Checks a batch; false once the chain is broken (the rest need not be read). */
    boolean accept(List<AuditRecord> batch) {
        for (AuditRecord record : batch) {
            if (!accept(record)) {
                return false;
            }
        }
        return true;
    }

    boolean accept(AuditRecord record) {
        if (broken != null) {
            return false;
        }
        long previous = expectedSequence - 1;
        if (record.sequence() > expectedSequence) {
            broken = new BrokenLink(expectedSequence, missing(expectedSequence, record.sequence() - 1)
                    + ": deleted after " + (previous == 0 ? "the log began" : "record " + previous) + ", record "
                    + record.sequence() + " follows");
        } else if (record.sequence() < expectedSequence) {
            broken = new BrokenLink(record.sequence(), "record " + record.sequence() + " is out of place after record " + previous);
        } else if (!record.previousHash().equals(expectedPreviousHash)) {
            broken = new BrokenLink(record.sequence(), "its previousHash is not the hash of "
                    + (record.sequence() == firstSequence ? start : "record " + previous)
                    + ": that record's hash or this link was altered");
        } else if (!AuditChain.hashOf(record).equals(record.hash())) {
            broken = new BrokenLink(record.sequence(), "its contents do not match its hash: the record was altered after it was written");
        } else {
            verified++;
            expectedSequence++;
            expectedPreviousHash = record.hash();
            return true;
        }
        return false;
    }

    /**
     * The outcome. {@code writtenThrough} is the last sequence this server knows it committed
     * (0 if none): records missing at the end of the log are a break too, even though no later
     * record points at them.
     */
    AuditVerification result(long writtenThrough) {
        long lastSequence = expectedSequence - 1;
        if (broken == null && writtenThrough > lastSequence) {
            broken = new BrokenLink(lastSequence + 1, missing(lastSequence + 1, writtenThrough)
                    + ": deleted from the end of the log, which reached " + writtenThrough);
        }
        return verified == 0
                ? new AuditVerification(0, 0, 0, Optional.ofNullable(broken))
                : new AuditVerification(verified, firstSequence, lastSequence, Optional.ofNullable(broken));
    }

    private static String missing(long from, long to) {
        return from == to ? "record " + from + " is missing" : "records " + from + "-" + to + " are missing";
    }
}
