package io.lanvan.web.internal.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aBurstIsAllowedAndThenRefused() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(), "frame " + i);
        }
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void tokensComeBackAtTheSustainedRate() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 1, now::get);
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        now.addAndGet(100_000_000L);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void idleTimeNeverBanksMoreThanTheBurst() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 3, now::get);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire());
        }
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRateLimiter(0, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new FrameRateLimiter(1, 0, now::get));
    }
}
