package io.lanvan.admin.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which sign-in attempts get their password checked, and counts each one <em>before</em>
 * it is checked, so parallel guesses cannot slip past a limit while earlier ones are still hashing.
 *
 * <ul>
 *   <li>Per account <em>and</em> address: after {@code failures} wrong passwords that address waits
 *       before trying that account again, and each further lock doubles the wait (at most a day). A
 *       guesser therefore locks out only itself: the admin signs in from another address.</li>
 *   <li>Per address: {@value #ADDRESS_FACTOR} times as many, spread over accounts (password spraying).</li>
 *   <li>Globally: at most {@code perMinute} checks a minute, whatever the addresses, so that many
 *       addresses together cannot keep the server hashing; beyond it callers are told to retry shortly.</li>
 * </ul>
 * A correct password clears the counts of its account and address. Memory is bounded.
 */
final class SignInThrottle {
    static final int ADDRESS_FACTOR = 4;
    private static final int MAX_TRACKED = 10_000;
    private static final Duration LONGEST_LOCK = Duration.ofDays(1);

    /** The limits in force, from the admin configuration. */
    record Limits(int failures, Duration firstLock, int perMinute) {}

    /** What an attempt may do. */
    sealed interface Admission permits Admitted, Locked, Busy {}

    /** The password will be checked; the attempt already counts as a failure until {@link #succeeded}. */
    record Admitted(String username, String address, Instant lockedUntil) implements Admission {
        /** Whether this attempt, if wrong, is the one that locked its account and address (or address). */
        boolean locks() {
            return lockedUntil != null;
        }
    }

    /** Too many wrong passwords from this address (for this account, or for any): wait until then. */
    record Locked(Instant until) implements Admission {}

    /** Too many checks across the server: retry after the given time. */
    record Busy(Duration retryAfter) implements Admission {}

    private record Failures(int count, int locks, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private final Clock clock;
    private double tokens = -1;
    private Instant refilledAt;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** When sign-in is locked for this account from this address, or for this address, until when. */
    synchronized Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Instant pair = until(pairKey(username, address), now);
        Instant any = until(addressKey(address), now);
        if (pair == null) {
            return Optional.ofNullable(any);
        }
        return Optional.of(any == null || pair.isAfter(any) ? pair : any);
    }

    /** Admits the attempt and counts it, or says why not; atomic, so parallel attempts cannot exceed a limit. */
    synchronized Admission admit(String username, String address, Limits limits) {
        Optional<Instant> locked = lockedUntil(username, address);
        if (locked.isPresent()) {
            return new Locked(locked.get());
        }
        Instant now = clock.instant();
        refill(now, limits.perMinute());
        if (tokens < 1) {
            long millis = (long) Math.ceil((1 - tokens) * 60_000.0 / limits.perMinute());
            return new Busy(Duration.ofMillis(Math.max(1, millis)));
        }
        tokens -= 1;
        Instant pairLock = count(pairKey(username, address), limits.failures(), limits.firstLock(), now);
        Instant addressLock = count(addressKey(address), limits.failures() * ADDRESS_FACTOR, limits.firstLock(), now);
        return new Admitted(username, address, pairLock != null ? pairLock : addressLock);
    }

    /** The password was right: the attempt was no failure, and earlier ones from its address are forgiven. */
    synchronized void succeeded(Admitted attempt) {
        failures.remove(pairKey(attempt.username(), attempt.address()));
        failures.remove(addressKey(attempt.address()));
    }

    /** Forgets every count and lock of an account (its password was reset by an operator). */
    synchronized void forgive(String username) {
        failures.keySet().removeIf(key -> key.startsWith("account:" + username + "@"));
    }

    private Instant until(String key, Instant now) {
        Failures entry = failures.get(key);
        return entry != null && entry.lockedUntil() != null && entry.lockedUntil().isAfter(now) ? entry.lockedUntil() : null;
    }

    /** Counts one failure; returns the lock it starts, if it is the one that reaches the limit. */
    private Instant count(String key, int lockAfter, Duration firstLock, Instant now) {
        Failures previous = failures.getOrDefault(key, new Failures(0, 0, null));
        int count = previous.count() + 1;
        if (count < lockAfter) {
            failures.put(key, new Failures(count, previous.locks(), previous.lockedUntil()));
            return null;
        }
        Duration wait = firstLock.multipliedBy(1L << Math.min(previous.locks(), 16));
        Instant until = now.plus(wait.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : wait);
        failures.put(key, new Failures(0, previous.locks() + 1, until));
        return until;
    }

    private void refill(Instant now, int perMinute) {
        if (tokens < 0) {
            tokens = perMinute;
        } else {
            double elapsedMinutes = Duration.between(refilledAt, now).toNanos() / 60e9;
            tokens = Math.min(perMinute, tokens + Math.max(0, elapsedMinutes) * perMinute);
        }
        refilledAt = now;
    }

    private static String pairKey(String username, String address) {
        return "account:" + username + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
