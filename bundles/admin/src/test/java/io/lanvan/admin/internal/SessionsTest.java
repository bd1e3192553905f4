package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(8));

    @Test
    void aSessionIsFoundByItsTokenWithItsCsrfToken() {
        StringBuilder csrf = new StringBuilder();
        String token = sessions.start("admin", true, csrf);
        AdminSession session = sessions.find(token).orElseThrow();
        assertEquals("admin", session.username());
        assertEquals(csrf.toString(), session.csrfToken());
        assertTrue(session.mustChangePassword());
        assertTrue(sessions.find("forged").isEmpty());
    }

    @Test
    void anIdleSessionExpiresButAnActiveOneLivesOnUntilItsMaximumAge() {
        String token = sessions.start("admin", false, new StringBuilder());
        for (int i = 0; i < 16; i++) {
            now.set(now.get().plus(Duration.ofMinutes(29)));
            assertTrue(sessions.find(token).isPresent(), "active after " + (i + 1) * 29 + " min");
        }
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertFalse(sessions.find(token).isPresent(), "8 h maximum reached");

        String idle = sessions.start("admin", false, new StringBuilder());
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertFalse(sessions.find(idle).isPresent());
    }

    @Test
    void aPasswordChangeEndsTheAccountsOtherSessions() {
        String mine = sessions.start("admin", true, new StringBuilder());
        String other = sessions.start("admin", false, new StringBuilder());
        sessions.passwordChanged(mine);
        sessions.endOthers("admin", mine);
        assertFalse(sessions.find(mine).orElseThrow().mustChangePassword());
        assertTrue(sessions.find(other).isEmpty());
    }
}
