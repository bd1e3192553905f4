package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditVerification.BrokenLink;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code anchors.log}: the signed checkpoints, one {@link Anchor} line each, only ever appended to,
 * each append forced to disk before it counts. Reading checks every line's signature.
 */
final class AnchorFile {
    static final String FILE = "anchors.log";
    /** Enough for the last few lines: the last anchor is read at start to continue from it. */
    private static final int TAIL_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(AnchorFile.class);

    private final Path file;
    private boolean tailChecked;

    AnchorFile(Path folder) {
        this.file = folder.resolve(FILE);
    }

    Path path() {
        return file;
    }

    /** Appends the anchor's line and forces it to disk. */
    void append(Anchor anchor) throws IOException {
        byte[] line = (anchor.line() + "\n").getBytes(StandardCharsets.US_ASCII);
        if (!tailChecked) {
            dropUnfinishedLine();
            tailChecked = true;
        }
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), OwnerOnly.attributes(file.getParent()))) {
            ByteBuffer bytes = ByteBuffer.wrap(line);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    /**
     * A line the server was writing when it stopped (no line break yet) would otherwise run into the
     * next one and read as a damaged line: it is cut off before the first append of a run.
     */
    private void dropUnfinishedLine() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = size;
            boolean lineStart = size == 0;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (!lineStart && size - end < TAIL_BYTES) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    lineStart = true;
                } else if (--end == 0) {
                    lineStart = true;
                }
            }
            if (lineStart && end < size) { // longer than any anchor: not ours to cut, left to be reported
                LOG.warn("{} ended in an unfinished line ({} bytes, the server stopped while writing it): cut off", file, size - end);
                channel.truncate(end);
                channel.force(false);
            }
        }
    }

    /** The last complete, well-formed line's anchor, if any (its signature is not checked here). */
    Optional<Anchor> last() throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raw.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (raw.length() - start)];
            raw.seek(start);
            raw.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.US_ASCII).split("\n", -1);
            for (int i = lines.length - 2; i >= 0; i--) { // the last element follows the last line break
                try {
                    return Optional.of(Anchor.parse(lines[i]));
                } catch (IllegalArgumentException notALine) {
                    // a cut first line of the tail, or a damaged one: look further back
                }
            }
            return Optional.empty();
        } catch (FileNotFoundException missing) {
            return Optional.empty();
        }
    }

    /**
     * Every anchor in the file, in sequence order, each one's signature checked with {@code key}; the
     * first line that is not a valid anchor signed by {@code key} is reported, with the sequence it
     * claims (0 when it claims none). A last line without its line break is a write the server did
     * not finish (it stopped mid-append) and is left out.
     */
    Reading read(AnchorKey key) throws IOException {
        List<Anchor> anchors = new ArrayList<>();
        BrokenLink invalid = null;
        boolean present = Files.exists(file);
        if (present) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException gone) {
                content = "";
                present = false;
            }
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                String line = lines[i];
                Anchor anchor;
                try {
                    anchor = Anchor.parse(line);
                } catch (IllegalArgumentException e) {
                    if (invalid == null) {
                        invalid = new BrokenLink(claimedSequence(line), FILE + " line " + (i + 1) + " is not a valid anchor ("
                                + e.getMessage() + "): the file was edited");
                    }
                    continue;
                }
                if (!anchor.keyFingerprint().equals(key.fingerprint())) {
                    if (invalid == null) {
                        invalid = new BrokenLink(anchor.sequence(), FILE + " line " + (i + 1) + " names the key "
                                + anchor.keyFingerprint() + ", not the anchor key " + key.fingerprint()
                                + ": the key was replaced since, or the line was forged");
                    }
                } else if (!anchor.signedBy(key)) {
                    if (invalid == null) {
                        invalid = new BrokenLink(anchor.sequence(), FILE + " line " + (i + 1) + " (record " + anchor.sequence()
                                + ") does not carry a valid signature of the anchor key: the line was forged or edited");
                    }
                } else {
                    anchors.add(anchor);
                }
            }
        }
        anchors.sort(Comparator.comparingLong(Anchor::sequence));
        return new Reading(present, anchors, Optional.ofNullable(invalid));
    }

    private static long claimedSequence(String line) {
        String[] fields = line.split(" ");
        try {
            return fields.length > 1 ? Math.max(0, Long.parseLong(fields[1])) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What the file holds: whether it exists, its valid anchors in sequence order, and the first invalid line. */
    record Reading(boolean present, List<Anchor> anchors, Optional<BrokenLink> invalid) {
        static final Reading NONE = new Reading(false, List.of(), Optional.empty());

        Reading {
            anchors = List.copyOf(anchors);
        }

        /**
         * The anchors made for the database {@code databaseId}: those of a database the log used
         * before (moved to PostgreSQL, say) say nothing about this one's chain. Invalid lines count
         * whichever database they name.
         */
        Reading of(String databaseId) {
            return new Reading(present, anchors.stream().filter(anchor -> anchor.database().equals(databaseId)).toList(), invalid);
        }
    }
}
