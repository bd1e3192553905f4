package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits an event is checked against where it is made, so that whatever reaches the chain can be
 * stored and hashed; over-long texts are cut there, in this one place, instead of losing the event.
 */
class AuditEventTest {
    @Test
    void aValidEventKeepsItsDetailsSortedAndUnmodifiable() {
        Map<String, String> details = new HashMap<>(Map.of("route", "relay", "bytes", "10"));
        AuditEvent event = new AuditEvent("transfer.completed", "peer-1", "", details);
        details.put("later", "change");

        assertEquals(List.of("bytes", "route"), List.copyOf(event.details().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> event.details().put("x", "y"));
    }

    @Test
    void invalidFieldsAreRefusedWithAMessageNamingFieldAndLimit() {
        assertMessage("action must be 1-100", () -> AuditEvent.of("Bundle Stopped", "system", ""));
        assertMessage("action must be 1-100", () -> AuditEvent.of("a".repeat(101), "system", ""));
        assertMessage("actor must not be blank", () -> AuditEvent.of("bundle.stopped", " ", ""));
        assertMessage("details key must be", () -> AuditEvent.of("a", "b", "").with("1st", "x"));
        assertMessage("details key must be", () -> AuditEvent.of("a", "b", "").with("k".repeat(65), "x"));
        assertMessage("subject must not contain NUL", () -> AuditEvent.of("a", "b", "nul\u0000"));
        assertMessage("actor must not contain NUL or unpaired surrogates", () -> AuditEvent.of("a", "\ud800x", ""));
    }

    @Test
    void textMayHoldAnyOtherCharacterIncludingEmojiAndLineBreaks() {
        AuditEvent event = AuditEvent.of("transfer.completed", "peer 📱", "Q3 «report»\n.pdf").with("note", "tab\there");

        assertEquals("Q3 «report»\n.pdf", event.subject());
    }

    @Test
    void aDetailValueOverItsLimitIsCutToTheLimitSayingHowLongItWas() {
        AuditEvent event = AuditEvent.of("admin.config.changed", "admin", "io.lanvan.policy").with("blockedTypes", "x".repeat(5000));

        String value = event.details().get("blockedTypes");
        String mark = "…[truncated from 5000 characters]";
        assertEquals(AuditEvent.MAX_DETAIL_VALUE_LENGTH, value.length());
        assertEquals("x".repeat(AuditEvent.MAX_DETAIL_VALUE_LENGTH - mark.length()) + mark, value);
    }

    @Test
    void anActorOrSubjectOverItsLimitIsCutTheSameWay() {
        AuditEvent event = AuditEvent.of("transfer.completed", "a".repeat(201), "s".repeat(10_000));

        assertEquals(AuditEvent.MAX_ACTOR_LENGTH, event.actor().length());
        assertTrue(event.actor().endsWith("…[truncated from 201 characters]"), event.actor());
        assertEquals(AuditEvent.MAX_SUBJECT_LENGTH, event.subject().length());
        assertTrue(event.subject().endsWith("…[truncated from 10000 characters]"), event.subject());
    }

    @Test
    void textsAtTheirLimitAreKeptWhole() {
        String subject = "s".repeat(AuditEvent.MAX_SUBJECT_LENGTH);
        AuditEvent event = AuditEvent.of("transfer.completed", "peer-1", subject).with("note", "n".repeat(2000));

        assertEquals(subject, event.subject());
        assertEquals("n".repeat(2000), event.details().get("note"));
    }

    @Test
    void cuttingNeverSplitsAnEmojiIntoAnUnpairedSurrogate() {
        String mark = "…[truncated from 4000 characters]";
        int keep = AuditEvent.MAX_DETAIL_VALUE_LENGTH - mark.length();
        // an emoji (two chars) straddling the cut: its high surrogate would be the last char kept
        String value = "x".repeat(keep - 1) + "📄".repeat((4000 - keep + 1) / 2);

        String cut = AuditEvent.of("a", "b", "").with("note", value).details().get("note");

        assertEquals("x".repeat(keep - 1) + mark, cut);
    }

    @Test
    void aCutEventStillLinksAndHashesLikeAnyOther() {
        AuditEvent event = AuditEvent.of("admin.config.changed", "admin", "io.lanvan.policy").with("value", "v".repeat(5000));

        var record = AuditChain.link(event, 1, java.time.Instant.parse("2026-01-10T08:00:00Z"), io.lanvan.api.audit.AuditRecord.GENESIS_HASH);

        assertEquals(record.hash(), AuditChain.hashOf(record));
        assertEquals(event.details(), record.details());
    }

    private static void assertMessage(String start, Runnable making) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, making::run);
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }
}
