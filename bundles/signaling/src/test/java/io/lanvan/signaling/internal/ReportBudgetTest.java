package io.lanvan.signaling.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportBudgetTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final ReportBudget budget = new ReportBudget(clock);

    @Test
    void aDeviceMaySendItsReportsPerHourAndMoreOnlyAsTheHourMoves() {
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.take("reporter-1", 3));
        }
        assertFalse(budget.take("reporter-1", 3));
        assertTrue(budget.take("reporter-2", 3), "each reporter has a budget of its own");
        clock.advance(Duration.ofMinutes(59));
        assertFalse(budget.take("reporter-1", 3));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(budget.take("reporter-1", 3));
    }
}
