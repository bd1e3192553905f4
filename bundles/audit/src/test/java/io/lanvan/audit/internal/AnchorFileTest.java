package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditVerification.BrokenLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anchors.log: signed lines appended and read back, every signature checked, any edit reported. */
class AnchorFileTest {
    private static final Instant AT = Instant.parse("2026-01-10T08:00:00.000001Z");
    private static final String DB = Anchor.databaseId("jdbc:h2:file:/srv/lanvan/data/db/lanvan");

    @TempDir
    Path data;
    Path folder;
    AnchorKey key;
    AnchorFile file;

    @BeforeEach
    void makeKey() throws Exception {
        folder = data.resolve("audit");
        key = AnchorKey.loadOrCreate(folder, new SecureRandom());
        file = new AnchorFile(folder);
    }

    @Test
    void appendedAnchorsComeBackInSequenceOrderWithTheirSignaturesChecked() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        file.append(Anchor.of(head(20, 'b'), DB, AT.plusSeconds(60), key));

        AnchorFile.Reading reading = file.read(key);

        assertTrue(reading.present());
        assertEquals(List.of(10L, 20L), reading.anchors().stream().map(Anchor::sequence).toList());
        assertEquals("b".repeat(64), reading.anchors().get(1).hash());
        assertTrue(reading.invalid().isEmpty());
        assertEquals(20, file.last().orElseThrow().sequence());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
    }

    @Test
    void eachLineIsTheSignedTextAndItsSignatureSoAnyEd25519ToolCanCheckIt() throws Exception {
        Anchor anchor = Anchor.of(head(7, 'c'), DB, AT, key);
        file.append(anchor);

        String line = Files.readAllLines(file.path()).get(0);
        int lastSpace = line.lastIndexOf(' ');

        assertEquals("lanvan.audit.anchor.v1 7 " + "c".repeat(64) + " 2026-01-10T08:00:00.000001Z " + DB + " " + key.fingerprint(),
                line.substring(0, lastSpace));
        assertTrue(key.verifies(line.substring(0, lastSpace), line.substring(lastSpace + 1)));
    }

    @Test
    void anAnchorLineWithAnEditedHashIsReportedWithItsLineAndSequence() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        file.append(Anchor.of(head(20, 'b'), DB, AT, key));
        Files.writeString(file.path(), Files.readString(file.path()).replace("b".repeat(64), "d".repeat(64)));

        AnchorFile.Reading reading = file.read(key);

        BrokenLink invalid = reading.invalid().orElseThrow();
        assertEquals(20, invalid.sequence());
        assertTrue(invalid.reason().startsWith("anchors.log line 2 (record 20) does not carry a valid signature"), invalid.reason());
        assertEquals(List.of(10L), reading.anchors().stream().map(Anchor::sequence).toList(), "the forged line counts for nothing");
    }

    @Test
    void aLineEditedAfterAnEarlierReadCheckedItIsStillReported() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        file.append(Anchor.of(head(20, 'b'), DB, AT, key));
        assertTrue(file.read(key).invalid().isEmpty());
        file.append(Anchor.of(head(30, 'c'), DB, AT, key));
        Files.writeString(file.path(), Files.readString(file.path()).replace("a".repeat(64), "f".repeat(64)));

        AnchorFile.Reading reading = file.read(key);

        assertEquals(10, reading.invalid().orElseThrow().sequence(), reading.toString());
        assertEquals(List.of(20L, 30L), reading.anchors().stream().map(Anchor::sequence).toList());
    }

    @Test
    void linesAppendedAfterAnEarlierReadAreCheckedToo() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        assertTrue(file.read(key).invalid().isEmpty());
        AnchorKey forger = AnchorKey.loadOrCreate(data.resolve("forger"), new SecureRandom());
        Anchor forged = Anchor.of(head(20, 'b'), DB, AT, forger);
        Files.writeString(file.path(), new Anchor(20, forged.hash(), AT, DB, key.fingerprint(), forged.signature()).line() + "\n",
                StandardOpenOption.APPEND);

        assertEquals(20, file.read(key).invalid().orElseThrow().sequence());
    }

    @Test
    void aLineSignedByAnotherKeyIsReportedEvenWhenItClaimsThisKeysFingerprint() throws Exception {
        AnchorKey forger = AnchorKey.loadOrCreate(data.resolve("forger"), new SecureRandom());
        Anchor honest = Anchor.of(head(30, 'e'), DB, AT, forger);
        String claimed = new Anchor(30, honest.hash(), AT, DB, key.fingerprint(), forger.sign("lanvan.audit.anchor.v1 30 "
                + honest.hash() + " " + AT + " " + DB + " " + key.fingerprint())).line();
        Files.writeString(file.path(), Anchor.of(head(30, 'e'), DB, AT, forger).line() + "\n" + claimed + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        AnchorFile.Reading reading = file.read(key);

        assertTrue(reading.invalid().orElseThrow().reason().contains("names the key " + forger.fingerprint()), reading.toString());
        assertTrue(reading.anchors().isEmpty());
    }

    @Test
    void aLineThatIsNotAnAnchorIsReported() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        Files.writeString(file.path(), "lanvan.audit.anchor.v1 12 nonsense\n", StandardOpenOption.APPEND);

        BrokenLink invalid = file.read(key).invalid().orElseThrow();

        assertEquals(12, invalid.sequence());
        assertTrue(invalid.reason().startsWith("anchors.log line 2 is not a valid anchor"), invalid.reason());
    }

    @Test
    void aMissingFileReadsAsNoAnchorsNotAsAnError() throws Exception {
        AnchorFile.Reading reading = file.read(key);

        assertFalse(reading.present());
        assertTrue(reading.anchors().isEmpty());
        assertTrue(reading.invalid().isEmpty());
        assertTrue(file.last().isEmpty());
    }

    @Test
    void aLastLineCutByACrashMidWriteIsLeftOut() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        String next = Anchor.of(head(20, 'b'), DB, AT, key).line();
        Files.writeString(file.path(), next.substring(0, 50), StandardOpenOption.APPEND);

        AnchorFile.Reading reading = file.read(key);

        assertTrue(reading.invalid().isEmpty(), reading.toString());
        assertEquals(List.of(10L), reading.anchors().stream().map(Anchor::sequence).toList());
        assertEquals(10, file.last().orElseThrow().sequence());
    }

    @Test
    void theNextAppendCutsOffALineLeftUnfinished() throws Exception {
        file.append(Anchor.of(head(10, 'a'), DB, AT, key));
        Files.writeString(file.path(), Anchor.of(head(20, 'b'), DB, AT, key).line().substring(0, 50), StandardOpenOption.APPEND);

        AnchorFile restarted = new AnchorFile(folder);
        restarted.append(Anchor.of(head(30, 'c'), DB, AT, key));

        AnchorFile.Reading reading = restarted.read(key);
        assertTrue(reading.invalid().isEmpty(), reading.toString());
        assertEquals(List.of(10L, 30L), reading.anchors().stream().map(Anchor::sequence).toList());
    }

    private static ChainHead head(long sequence, char hashDigit) {
        return new ChainHead(sequence, String.valueOf(hashDigit).repeat(64), AT);
    }
}
