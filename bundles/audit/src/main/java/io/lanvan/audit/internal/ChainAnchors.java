package io.lanvan.audit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the chain outside the database: signs its head with the {@link AnchorKey} and appends the
 * {@link Anchor} to the {@link AnchorFile}, every {@code everyRecords} records or once a record has
 * waited {@code every} unanchored, whichever comes first, and when the log stops or lets go of its
 * database. A record is thus exposed to an undetected rewrite (by someone who can write the database
 * but not this folder) for at most that long.
 *
 * <p>Called on the chain's writer thread after each commit and while it idles, and by the log when
 * it stops; anchoring never fails or delays a record beyond its own cost: a file that cannot be
 * written is logged, and verification shows how far the chain is anchored.
 */
class ChainAnchors {
    /** Anchoring switched off: no data folder (tests of the chain alone), or a key that could not be made. */
    static final ChainAnchors NONE = new ChainAnchors();
    private static final Logger LOG = LoggerFactory.getLogger(ChainAnchors.class);

    private final Clock clock;
    private final AnchorKey key;
    private final AnchorFile file;
    private volatile int everyRecords;
    private volatile Duration every;
    private long anchoredSequence = -1; // -1: not known yet (the file's last line is read on first use)
    private String anchoredHash = "";
    private String anchoredDatabase = "";
    private Instant unanchoredSince;
    private boolean failing;

    private ChainAnchors() {
        this.clock = null;
        this.key = null;
        this.file = null;
    }

    ChainAnchors(Clock clock, AnchorKey key, AnchorFile file, int everyRecords, Duration every) {
        this.clock = clock;
        this.key = key;
        this.file = file;
        settings(everyRecords, every);
    }

    /** Anchoring in {@code folder} (made owner-only), its key made on first use; {@link #NONE} with an error logged when that fails. */
    static ChainAnchors in(Path folder, Clock clock, int everyRecords, Duration every) {
        try {
            AnchorKey key = AnchorKey.loadOrCreate(folder, new SecureRandom());
            if (!key.halvesMatch()) {
                LOG.error("{} is not the public half of {}: audit checkpoints signed from now on will not verify."
                        + " Restore both files from the same backup", folder.resolve(AnchorKey.PUBLIC_FILE),
                        folder.resolve(AnchorKey.PRIVATE_FILE));
            }
            LOG.info("Audit checkpoints are signed with the key {} and kept in {}", key.fingerprint(),
                    folder.resolve(AnchorFile.FILE));
            return new ChainAnchors(clock, key, new AnchorFile(folder), everyRecords, every);
        } catch (IOException | RuntimeException e) {
            LOG.error("Audit checkpoints cannot be anchored outside the database ({}): the chain is only as safe as"
                    + " the database", e.toString());
            return NONE;
        }
    }

    final void settings(int records, Duration interval) {
        if (key == null) {
            return; // NONE is shared: nothing to set
        }
        if (records < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("anchor every 1 or more records and a positive interval, was "
                    + records + " and " + interval);
        }
        this.everyRecords = records;
        this.every = interval;
    }

    boolean enabled() {
        return key != null;
    }

    /** After a commit to {@code database} (a {@link Anchor#databaseId}): anchors when enough records or time have passed since the last anchor. */
    synchronized void committed(ChainHead head, String database) {
        if (!enabled() || !moved(head, database)) {
            return;
        }
        Instant now = clock.instant();
        if (unanchoredSince == null) {
            unanchoredSince = now;
        }
        long since = database.equals(anchoredDatabase) ? Math.max(0, anchoredSequence) : 0;
        if (head.sequence() - since >= everyRecords || due(now)) {
            write(head, database, now);
        }
    }

    /** While the writer idles: anchors the head when a record has waited the interval. */
    synchronized void idle(ChainHead head, String database) {
        if (!enabled() || !moved(head, database)) {
            return;
        }
        Instant now = clock.instant();
        if (unanchoredSince == null) {
            unanchoredSince = now; // records from before this start: anchored within the interval too
        }
        if (due(now)) {
            write(head, database, now);
        }
    }

    /** At once, if the head moved since the last anchor (the log stops, or lets go of its database). */
    synchronized void now(ChainHead head, String database) {
        if (enabled() && moved(head, database)) {
            write(head, database, clock.instant());
        }
    }

    /** The file's anchors, each signature checked; {@link AnchorFile.Reading#NONE} when anchoring is off. */
    AnchorFile.Reading read() throws IOException {
        return enabled() ? file.read(key) : AnchorFile.Reading.NONE;
    }

    Optional<String> keyFingerprint() {
        return enabled() ? Optional.of(key.fingerprint()) : Optional.empty();
    }

    private boolean moved(ChainHead head, String database) {
        if (head == null || head.sequence() == 0 || database == null) {
            return false;
        }
        if (anchoredSequence < 0) {
            learnLastAnchor();
        }
        return head.sequence() != anchoredSequence || !head.hash().equals(anchoredHash) || !database.equals(anchoredDatabase);
    }

    private boolean due(Instant now) {
        return unanchoredSince != null && !now.isBefore(unanchoredSince.plus(every));
    }

    private void learnLastAnchor() {
        anchoredSequence = 0;
        try {
            file.last().ifPresent(last -> {
                anchoredSequence = last.sequence();
                anchoredHash = last.hash();
                anchoredDatabase = last.database();
            });
        } catch (IOException e) {
            LOG.warn("Could not read the last audit checkpoint in {}: {}", file.path(), e.toString());
        }
    }

    private void write(ChainHead head, String database, Instant now) {
        try {
            file.append(Anchor.of(head, database, now.truncatedTo(ChronoUnit.MICROS), key));
            anchoredSequence = head.sequence();
            anchoredHash = head.hash();
            anchoredDatabase = database;
            unanchoredSince = null;
            if (failing) {
                LOG.info("Audit checkpoints are written to {} again", file.path());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.error("Could not append the audit checkpoint of record {} to {}: {}", head.sequence(), file.path(), e.toString());
                failing = true;
            }
        }
    }
}
