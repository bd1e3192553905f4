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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private Checked checked;

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
     *
     * <p>Checking a signature costs about 0.15 ms (more on a loaded machine), which adds up over a
     * year of checkpoints; so the part of the file whose every line was checked by an earlier read
     * is not checked again as long as its bytes still have the same SHA-256 (the file is only
     * appended to: any edit of that part changes the digest, and everything is checked again).
     */
    synchronized Reading read(AnchorKey key) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            return new Reading(false, List.of(), Optional.empty());
        }
        int complete = lastLineBreak(content) + 1;
        Checked earlier = checked;
        int alreadyChecked = earlier != null && earlier.keyFingerprint().equals(key.fingerprint()) && earlier.bytes() <= complete
                && Arrays.equals(earlier.digest(), sha256(content, earlier.bytes())) ? earlier.bytes() : 0;
        List<Anchor> anchors = new ArrayList<>();
        BrokenLink invalid = null;
        int lineNumber = 0;
        for (int start = 0; start < complete; ) {
            int end = indexOf(content, (byte) '\n', start);
            String line = new String(content, start, end - start, StandardCharsets.ISO_8859_1);
            lineNumber++;
            BrokenLink problem = check(line, lineNumber, key, end < alreadyChecked, anchors);
            if (invalid == null) {
                invalid = problem;
            }
            start = end + 1;
        }
        if (invalid == null) {
            checked = new Checked(key.fingerprint(), complete, sha256(content, complete));
        }
        anchors.sort(Comparator.comparingLong(Anchor::sequence));
        return new Reading(true, anchors, Optional.ofNullable(invalid));
    }

    /** Adds the line's anchor when it is one signed by {@code key} (or was checked before); otherwise says why not. */
    private static BrokenLink check(String line, int lineNumber, AnchorKey key, boolean signatureChecked, List<Anchor> anchors) {
        Anchor anchor;
        try {
            anchor = Anchor.parse(line);
        } catch (IllegalArgumentException e) {
            return new BrokenLink(claimedSequence(line), FILE + " line " + lineNumber + " is not a valid anchor ("
                    + e.getMessage() + "): the file was edited");
        }
        if (!anchor.keyFingerprint().equals(key.fingerprint())) {
            return new BrokenLink(anchor.sequence(), FILE + " line " + lineNumber + " names the key "
                    + anchor.keyFingerprint() + ", not the anchor key " + key.fingerprint()
                    + ": the key was replaced since, or the line was forged");
        }
        if (!signatureChecked && !anchor.signedBy(key)) {
            return new BrokenLink(anchor.sequence(), FILE + " line " + lineNumber + " (record " + anchor.sequence()
                    + ") does not carry a valid signature of the anchor key: the line was forged or edited");
        }
        anchors.add(anchor);
        return null;
    }

    private static int lastLineBreak(byte[] content) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] content, byte wanted, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return content.length;
    }

    private static byte[] sha256(byte[] content, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(content, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The first {@code bytes} bytes of the file, all of whose lines were valid anchors signed by the key, had {@code digest}. */
    private record Checked(String keyFingerprint, int bytes, byte[] digest) {
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
