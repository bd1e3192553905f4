package io.lanvan.admin.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Locks sign-in for an account after repeated wrong passwords, and for an address after
 * {@value #ADDRESS_FACTOR} times as many (spread over accounts, as a password sprayer would),
 * so that admins sharing an address with a guesser are not locked out as fast. Bounded memory.
 */
final class SignInThrottle {
    private static final int MAX_TRACKED = 10_000;
    static final int ADDRESS_FACTOR = 4;

    private record Failures(int count, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** When sign-in is locked for this account or address, until when. */
    synchronized Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        return java.util.stream.Stream.of("account:" + username, "address:" + address)
                .map(failures::get)
                .filter(entry -> entry != null && entry.lockedUntil() != null && entry.lockedUntil().isAfter(now))
                .map(Failures::lockedUntil)
                .max(Instant::compareTo);
    }

    synchronized void failed(String username, String address, int lockAfter, Duration lockFor) {
        count("account:" + username, lockAfter, lockFor);
        count("address:" + address, lockAfter * ADDRESS_FACTOR, lockFor);
    }

    private void count(String key, int lockAfter, Duration lockFor) {
        Failures previous = failures.get(key);
        int count = (previous == null ? 0 : previous.count()) + 1;
        boolean lock = count >= lockAfter;
        failures.put(key, new Failures(lock ? 0 : count,
                lock ? clock.instant().plus(lockFor) : previous == null ? null : previous.lockedUntil()));
    }

    synchronized void succeeded(String username, String address) {
        failures.remove("account:" + username);
        failures.remove("address:" + address);
    }
}
