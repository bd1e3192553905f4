package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    @Test
    void aSettingOfThousandsOfCharactersIsRecordedCutByTheAuditEventSayingHowLongItWas() {
        AuditEvent event = AuditTrail.event("admin.config.changed", "admin", "io.lanvan.policy",
                Map.of("approvedDevices", "x".repeat(5_000)));
        String value = event.details().get("approvedDevices");
        String mark = "…[truncated from 5000 characters]";
        assertEquals("x".repeat(AuditEvent.MAX_DETAIL_VALUE_LENGTH - mark.length()) + mark, value);
    }

    @Test
    void moreSettingsThanTheLogKeepsAreCountedNotFailed() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("setting" + i, "v");
        }
        AuditEvent event = AuditTrail.event("admin.config.changed", "admin", "io.lanvan.relay", many);
        assertEquals(AuditEvent.MAX_DETAILS, event.details().size());
        assertEquals("9 more settings not listed", event.details().get("more"));
    }

    @Test
    void textsTheLogCannotStoreAreReplacedAndOddKeysCleaned() {
        AuditEvent event = AuditTrail.event("admin.config.changed", "adm\u0000in", "s\uD800", Map.of("9 lives", "a\u0000b"));
        assertEquals("adm\uFFFDin", event.actor());
        assertEquals("s\uFFFD", event.subject());
        assertEquals("a\uFFFDb", event.details().get("k9_lives"));
    }

    @Test
    void withoutTheAuditLogAChangeIsRefusedWith503() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> AuditTrail.recordFirst(null, AuditEvent.of("admin.mode.changed", "admin", "io.lanvan.policy")));
        assertEquals(503, refused.status());
        assertTrue(refused.detail().contains("not made"), refused.detail());
    }
}
