package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void fiveWrongPasswordsLockTheAccountFromEveryAddress() {
        SignInThrottle throttle = new SignInThrottle(Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "10.0.0.5", 5, Duration.ofMinutes(15));
            assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isEmpty(), "after " + (i + 1));
        }
        throttle.failed("admin", "10.0.0.5", 5, Duration.ofMinutes(15));
        assertEquals(start.plus(Duration.ofMinutes(15)), throttle.lockedUntil("admin", "10.0.0.9").orElseThrow());
        assertTrue(throttle.lockedUntil("other", "10.0.0.5").isEmpty(), "the address is not locked yet");
    }

    @Test
    void guessesSprayedOverAccountsLockTheAddress() {
        SignInThrottle throttle = new SignInThrottle(Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < 5 * SignInThrottle.ADDRESS_FACTOR; i++) {
            throttle.failed("user" + i, "10.0.0.5", 5, Duration.ofMinutes(15));
        }
        assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isPresent());
        assertTrue(throttle.lockedUntil("admin", "10.0.0.9").isEmpty());
    }

    @Test
    void theLockEndsAfterItsTimeAndASuccessClearsTheCount() {
        MutableClock clock = new MutableClock(start);
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.5", 5, Duration.ofMinutes(15));
        }
        clock.advance(Duration.ofMinutes(16));
        assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isEmpty());
        throttle.failed("admin", "10.0.0.5", 5, Duration.ofMinutes(15));
        throttle.succeeded("admin", "10.0.0.5");
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "10.0.0.5", 5, Duration.ofMinutes(15));
        }
        assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isEmpty());
    }
}
