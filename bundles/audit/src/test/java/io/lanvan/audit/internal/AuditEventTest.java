package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits an event is checked against where it is made, so that whatever reaches the chain can be stored and hashed. */
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
        assertMessage("subject must be at most 500", () -> AuditEvent.of("bundle.stopped", "system", "s".repeat(501)));
        assertMessage("details.note must be at most 2000", () -> AuditEvent.of("a", "b", "").with("note", "n".repeat(2001)));
        assertMessage("details key must be", () -> AuditEvent.of("a", "b", "").with("1st", "x"));
        assertMessage("subject must not contain NUL", () -> AuditEvent.of("a", "b", "nul\u0000"));
        assertMessage("actor must not contain NUL or unpaired surrogates", () -> AuditEvent.of("a", "\ud800x", ""));
    }

    @Test
    void textMayHoldAnyOtherCharacterIncludingEmojiAndLineBreaks() {
        AuditEvent event = AuditEvent.of("transfer.completed", "peer 📱", "Q3 «report»\n.pdf").with("note", "tab\there");

        assertEquals("Q3 «report»\n.pdf", event.subject());
    }

    private static void assertMessage(String start, Runnable making) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, making::run);
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }
}
