package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private static final SignInThrottle.Limits LIMITS = new SignInThrottle.Limits(5, Duration.ofMinutes(15), 1000);
    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");
    private final MutableClock clock = new MutableClock(start);
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void fiveWrongPasswordsMakeOnlyThatAddressWaitForThatAccount() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("admin", "10.0.0.5", LIMITS), "attempt " + (i + 1));
        }
        assertEquals(new SignInThrottle.Locked(start.plus(Duration.ofMinutes(15))), throttle.admit("admin", "10.0.0.5", LIMITS));
        assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("admin", "10.0.0.9", LIMITS), "another address");
        assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("other", "10.0.0.5", LIMITS), "another account");
    }

    @Test
    void attemptsCountBeforeTheirPasswordIsChecked() {
        SignInThrottle.Admitted last = null;
        for (int i = 0; i < 5; i++) {
            last = (SignInThrottle.Admitted) throttle.admit("admin", "10.0.0.5", LIMITS);
        }
        assertTrue(last.locks(), "the fifth admitted attempt starts the wait, before its result is known");
        assertInstanceOf(SignInThrottle.Locked.class, throttle.admit("admin", "10.0.0.5", LIMITS));
    }

    @Test
    void guessesSprayedOverAccountsMakeTheAddressWait() {
        for (int i = 0; i < 5 * SignInThrottle.ADDRESS_FACTOR; i++) {
            assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("user" + i, "10.0.0.5", LIMITS));
        }
        assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isPresent());
        assertTrue(throttle.lockedUntil("admin", "10.0.0.9").isEmpty());
    }

    @Test
    void eachFurtherWaitDoublesAndASuccessClearsTheCount() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.5", LIMITS);
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.5", LIMITS);
        }
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), throttle.lockedUntil("admin", "10.0.0.5").orElseThrow());
        clock.advance(Duration.ofMinutes(31));
        SignInThrottle.Admitted right = (SignInThrottle.Admitted) throttle.admit("admin", "10.0.0.5", LIMITS);
        throttle.succeeded(right);
        for (int i = 0; i < 4; i++) {
            throttle.admit("admin", "10.0.0.5", LIMITS);
        }
        assertTrue(throttle.lockedUntil("admin", "10.0.0.5").isEmpty());
    }

    @Test
    void theGlobalRateBoundsChecksFromAnyNumberOfAddresses() {
        SignInThrottle.Limits slow = new SignInThrottle.Limits(5, Duration.ofMinutes(15), 60);
        for (int i = 0; i < 60; i++) {
            assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("admin", "10.0.1." + i, slow));
        }
        SignInThrottle.Busy busy = assertInstanceOf(SignInThrottle.Busy.class, throttle.admit("admin", "10.0.2.1", slow));
        assertEquals(Duration.ofSeconds(1), busy.retryAfter());
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("admin", "10.0.2.1", slow));
    }

    @Test
    void anOperatorsResetForgivesTheAccount() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.5", LIMITS);
        }
        throttle.forgive("admin");
        assertInstanceOf(SignInThrottle.Admitted.class, throttle.admit("admin", "10.0.0.5", LIMITS));
    }
}
