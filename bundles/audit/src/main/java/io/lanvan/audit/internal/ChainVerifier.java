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
 *
 * <p>Then against the signed anchors kept outside the database: the record at each anchored
 * sequence must still have the anchored hash. A chain someone edited and recomputed passes the
 * first checks, since every hash fits its record, but not this one from the first anchor after the
 * edit on. Anchors of purged records cannot be checked and are passed over.
 */
final class ChainVerifier {
    private final long firstSequence;
    private final String start;
    private final List<Anchor> anchors;
    private final Optional<BrokenLink> invalidAnchor;
    private final Optional<String> keyFingerprint;
    private int nextAnchor;
    private long expectedSequence;
    private String expectedPreviousHash;
    private long verified;
    private long anchoredThrough;
    private long verifiedAtLastAnchor;
    private BrokenLink broken;

    ChainVerifier(Optional<AuditCheckpoint> checkpoint) {
        this(checkpoint, AnchorFile.Reading.NONE, Optional.empty());
    }

    ChainVerifier(Optional<AuditCheckpoint> checkpoint, AnchorFile.Reading anchored, Optional<String> keyFingerprint) {
        this.expectedSequence = checkpoint.map(AuditCheckpoint::sequence).orElse(0L) + 1;
        this.expectedPreviousHash = checkpoint.map(AuditCheckpoint::hash).orElse(AuditRecord.GENESIS_HASH);
        this.firstSequence = expectedSequence;
        this.start = checkpoint.map(point -> "the checkpoint (purged record " + point.sequence() + ")")
                .orElse("the chain's start (64 zeros)");
        this.anchors = anchored.anchors();
        this.invalidAnchor = anchored.invalid();
        this.keyFingerprint = keyFingerprint;
        checkpoint.ifPresent(this::checkAnchorsOfPurged);
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
        } else if (!asAnchored(record)) {
            return false;
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
     * record points at them; so are records anchored beyond the end.
     */
    AuditVerification result(long writtenThrough) {
        long lastSequence = expectedSequence - 1;
        if (broken == null && writtenThrough > lastSequence) {
            broken = new BrokenLink(lastSequence + 1, missing(lastSequence + 1, writtenThrough)
                    + ": deleted from the end of the log, which reached " + writtenThrough);
        }
        if (broken == null && nextAnchor < anchors.size()) {
            Anchor beyond = anchors.get(anchors.size() - 1);
            broken = new BrokenLink(lastSequence + 1, missing(lastSequence + 1, beyond.sequence()) + ": record "
                    + beyond.sequence() + " was anchored at " + beyond.at() + ", but the log ends "
                    + (lastSequence == 0 ? "before it begins" : "at record " + lastSequence)
                    + " (deleted from the end, or this is not the database the anchors were made for)");
        }
        if (invalidAnchor.isPresent() && (broken == null || invalidAnchor.get().sequence() < broken.sequence())) {
            broken = invalidAnchor.get();
        }
        return verified == 0
                ? new AuditVerification(0, 0, 0, Optional.ofNullable(broken), anchoredThrough, keyFingerprint)
                : new AuditVerification(verified, firstSequence, firstSequence + verified - 1, Optional.ofNullable(broken),
                        anchoredThrough, keyFingerprint);
    }

    /** Whether the record agrees with every anchor of its sequence; sets the break when not. */
    private boolean asAnchored(AuditRecord record) {
        boolean anchoredHere = false;
        while (nextAnchor < anchors.size() && anchors.get(nextAnchor).sequence() == record.sequence()) {
            Anchor anchor = anchors.get(nextAnchor++);
            if (!anchor.hash().equals(record.hash())) {
                broken = new BrokenLink(record.sequence(), "it is not the record anchored outside the database at "
                        + anchor.at() + " (hash " + abbreviated(anchor.hash()) + ", now " + abbreviated(record.hash())
                        + "): the chain was rewritten and its hashes recomputed after "
                        + (anchoredThrough == 0 ? "the start of the kept log" : "record " + anchoredThrough
                        + ", the last one that is as anchored"));
                verified = verifiedAtLastAnchor; // what lies between the two anchors may be the rewritten part
                return false;
            }
            anchoredHere = true;
        }
        if (anchoredHere) {
            anchoredThrough = record.sequence();
            verifiedAtLastAnchor = verified + 1;
        }
        return true;
    }

    /** Anchors of records purged since are passed over; one of the purge checkpoint itself must match it. */
    private void checkAnchorsOfPurged(AuditCheckpoint checkpoint) {
        while (nextAnchor < anchors.size() && anchors.get(nextAnchor).sequence() <= checkpoint.sequence()) {
            Anchor anchor = anchors.get(nextAnchor++);
            if (anchor.sequence() == checkpoint.sequence() && !anchor.hash().equals(checkpoint.hash())) {
                broken = new BrokenLink(checkpoint.sequence(), "the purge checkpoint (record " + checkpoint.sequence()
                        + ") is not the record anchored outside the database at " + anchor.at()
                        + ": the checkpoint was altered");
                return;
            }
        }
    }

    private static String abbreviated(String hash) {
        return hash.substring(0, Math.min(12, hash.length())) + "…";
    }

    private static String missing(long from, long to) {
        return from == to ? "record " + from + " is missing" : "records " + from + "-" + to + " are missing";
    }
}
