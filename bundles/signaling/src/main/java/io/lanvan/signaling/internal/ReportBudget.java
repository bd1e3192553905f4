package io.lanvan.signaling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many reports each device may still send: at most {@code perHour} in any hour, counted per device id. */
final class ReportBudget {
    private static final Duration WINDOW = Duration.ofHours(1);
    /** Devices tracked at most; beyond it the oldest windows are dropped (they would have expired anyway soon). */
    private static final int MAX_DEVICES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

    ReportBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one report from the device's budget; false when it has none left this hour. */
    boolean take(String deviceId, int perHour) {
        Instant now = clock.instant();
        if (sent.size() >= MAX_DEVICES) {
            sent.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return entry.getValue().isEmpty() || entry.getValue().peekLast().isBefore(now.minus(WINDOW));
                }
            });
        }
        Deque<Instant> times = sent.computeIfAbsent(deviceId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perHour) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
