package io.lanvan.signaling.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Short-lived, single-use 6-digit codes that pair two devices on different networks. */
final class PairingCodes {
    record Code(String code, Instant expiresAt) {}

    private record Pending(String peerId, Instant expiresAt) {}

    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    PairingCodes(Clock clock) {
        this.clock = clock;
    }

    synchronized Code create(String peerId, Duration lifetime) {
        sweep();
        pending.values().removeIf(existing -> existing.peerId().equals(peerId));
        String code;
        do {
            code = String.format("%06d", random.nextInt(1_000_000));
        } while (pending.containsKey(code));
        Instant expiresAt = clock.instant().plus(lifetime);
        pending.put(code, new Pending(peerId, expiresAt));
        return new Code(code, expiresAt);
    }

    /** The peer that created the code, when it is valid; the code is used up either way if it matched. */
    synchronized Optional<String> redeem(String code, String peerId, int maxFailures) {
        if (failures.getOrDefault(peerId, 0) >= maxFailures) {
            return Optional.empty();
        }
        sweep();
        Pending found = pending.get(code);
        if (found == null || found.peerId().equals(peerId)) {
            failures.merge(peerId, 1, Integer::sum);
            return Optional.empty();
        }
        pending.remove(code);
        return Optional.of(found.peerId());
    }

    synchronized boolean exhausted(String peerId, int maxFailures) {
        return failures.getOrDefault(peerId, 0) >= maxFailures;
    }

    synchronized void forget(String peerId) {
        pending.values().removeIf(existing -> existing.peerId().equals(peerId));
        failures.remove(peerId);
    }

    private void sweep() {
        Instant now = clock.instant();
        pending.values().removeIf(existing -> now.isAfter(existing.expiresAt()));
    }
}
