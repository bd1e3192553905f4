package io.lanvan.signaling.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Short-lived, single-use 6-digit codes that pair two devices on different networks. A wrong code
 * is tried against every open code at once, so guesses are budgeted per connection, per address
 * and for the whole server, each counted before the guess is tried; and a code that has seen too
 * many wrong guesses while it was open is retired, since each of them had a chance to hit it.
 *
 * <p>A right code does not pair at once: it becomes a {@link Request} that only the code's creator
 * can answer (confirm or reject) within the code's lifetime. From then on the code is closed to
 * every other joiner, so a code confirms one device, the one its creator saw.
 */
final class PairingCodes {
    /** How many addresses are remembered at once; the oldest are forgotten first. */
    private static final int MAX_ADDRESSES = 10_000;

    record Code(String code, Instant expiresAt) {}

    /** The limits in force, read from the settings at each call so that changes apply at once. */
    record Budgets(Duration lifetime, int perConnection, int perAddress, int overall, int guessesPerCode) {}

    /** The outcome of a {@code pair.join}: the request now waiting for the creator's answer, or why not; and the codes retired by it. */
    record Redemption(Request request, String refusal, List<Retired> retired) {
        boolean matched() {
            return request != null;
        }
    }

    /** A code withdrawn before its time, and the peer that created it. */
    record Retired(String code, String peerId) {}

    /**
     * A right code waiting for its creator's answer: who joined, and the id of its {@code pair.join}
     * (the joiner's final answer is a reply to it).
     */
    record Request(String code, String creator, String joiner, String joinId, Instant expiresAt) {}

    private static final class Pending {
        final String peerId;
        final Instant expiresAt;
        int wrongGuesses;
        /** Set once the right code was entered: the code is then closed to everybody else. */
        String joiner;
        String joinId;

        Pending(String peerId, Instant expiresAt) {
            this.peerId = peerId;
            this.expiresAt = expiresAt;
        }
    }

    /** Failures counted in a fixed window that starts with the first failure. */
    private static final class Window {
        Instant start;
        int count;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Integer> byConnection = new HashMap<>();
    private final Map<String, Window> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private Window overall;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    PairingCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new code for {@code peerId}; its earlier code, and a request waiting on it, are dropped ({@link #dropped}). */
    synchronized Code create(String peerId, Duration lifetime, List<Request> dropped) {
        sweep();
        dropped.addAll(remove(entry -> entry.getValue().peerId.equals(peerId)));
        String code;
        do {
            code = String.format("%06d", random.nextInt(1_000_000));
        } while (pending.containsKey(code));
        Instant expiresAt = clock.instant().plus(lifetime);
        pending.put(code, new Pending(peerId, expiresAt));
        return new Code(code, expiresAt);
    }

    /** Tries a code for a peer at an address; a matching code becomes a request for its creator, a wrong one counts against every budget. */
    synchronized Redemption redeem(String code, String peerId, String joinId, String address, Budgets budgets) {
        Instant now = clock.instant();
        if (byConnection.getOrDefault(peerId, 0) >= budgets.perConnection()) {
            return refused("Too many wrong pairing codes from this connection");
        }
        if (current(byAddress.get(address), now, budgets).count >= budgets.perAddress()) {
            return refused("Too many wrong pairing codes from this address; try again in " + budgets.lifetime().toMinutes()
                    + " minutes");
        }
        if (current(overall, now, budgets).count >= budgets.overall()) {
            return refused("Pairing is paused: too many wrong codes were tried on this server; try again in "
                    + budgets.lifetime().toMinutes() + " minutes");
        }
        sweep();
        Pending found = pending.get(code);
        if (found != null && found.joiner == null && !found.peerId.equals(peerId)) {
            found.joiner = peerId;
            found.joinId = joinId;
            return new Redemption(requestOf(code, found), null, List.of());
        }
        byConnection.merge(peerId, 1, Integer::sum);
        byAddress.put(address, counted(byAddress.get(address), now, budgets));
        overall = counted(overall, now, budgets);
        List<Retired> retired = new ArrayList<>();
        pending.entrySet().removeIf(entry -> {
            Pending open = entry.getValue();
            if (open.joiner == null && ++open.wrongGuesses >= budgets.guessesPerCode()) {
                retired.add(new Retired(entry.getKey(), open.peerId));
                return true;
            }
            return false;
        });
        return new Redemption(null, "The pairing code is wrong or has expired", retired);
    }

    /** The request on {@code code}, answered (and so used up) by its creator; empty when there is none for this peer. */
    synchronized Optional<Request> answer(String creator, String code) {
        sweep();
        Pending found = pending.get(code);
        if (found == null || found.joiner == null || !found.peerId.equals(creator) || clock.instant().isAfter(found.expiresAt)) {
            return Optional.empty();
        }
        pending.remove(code);
        return Optional.of(requestOf(code, found));
    }

    /** Requests whose code's lifetime ended unanswered; they are dropped. */
    synchronized List<Request> expired() {
        Instant now = clock.instant();
        return remove(entry -> now.isAfter(entry.getValue().expiresAt) && entry.getValue().joiner != null);
    }

    /** A peer left: its codes and the requests it made or was asked to answer go; those requests are returned. */
    synchronized List<Request> forget(String peerId) {
        byConnection.remove(peerId);
        return remove(entry -> entry.getValue().peerId.equals(peerId) || peerId.equals(entry.getValue().joiner));
    }

    private List<Request> remove(java.util.function.Predicate<Map.Entry<String, Pending>> which) {
        List<Request> requests = new ArrayList<>();
        pending.entrySet().removeIf(entry -> {
            if (!which.test(entry)) {
                return false;
            }
            if (entry.getValue().joiner != null) {
                requests.add(requestOf(entry.getKey(), entry.getValue()));
            }
            return true;
        });
        return requests;
    }

    private static Request requestOf(String code, Pending pending) {
        return new Request(code, pending.peerId, pending.joiner, pending.joinId, pending.expiresAt);
    }

    private static Redemption refused(String why) {
        return new Redemption(null, why, List.of());
    }

    /** The window in force at {@code now}: a fresh one once the old has lasted a code's lifetime. */
    private static Window current(Window window, Instant now, Budgets budgets) {
        return window == null || !now.isBefore(window.start.plus(budgets.lifetime())) ? new Window(now) : window;
    }

    private static Window counted(Window window, Instant now, Budgets budgets) {
        Window counting = current(window, now, budgets);
        counting.count++;
        return counting;
    }

    /** Open codes past their time go; requests past it wait for {@link #expired}, which tells their joiner. */
    private void sweep() {
        Instant now = clock.instant();
        pending.values().removeIf(existing -> existing.joiner == null && now.isAfter(existing.expiresAt));
    }
}
