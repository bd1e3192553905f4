package io.lanvan.signaling.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Transfers by outcome and bytes by route since start, from the devices' reports. */
final class TransferCounters {
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong bytesDirect = new AtomicLong();
    final AtomicLong bytesRelay = new AtomicLong();

    void count(String outcome, String route, long bytes) {
        switch (outcome) {
            case "completed" -> completed.incrementAndGet();
            case "failed" -> failed.incrementAndGet();
            default -> cancelled.incrementAndGet();
        }
        if ("direct".equals(route)) {
            bytesDirect.addAndGet(bytes);
        } else if ("relay".equals(route)) {
            bytesRelay.addAndGet(bytes);
        }
    }
}
