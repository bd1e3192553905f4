package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
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
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(token).isPresent(), "active after " + (i + 1) * 29 + " min");
        }
        clock.advance(Duration.ofMinutes(29));
        assertFalse(sessions.find(token).isPresent(), "8 h maximum reached");

        String idle = sessions.start("admin", false, new StringBuilder());
        clock.advance(Duration.ofMinutes(31));
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
