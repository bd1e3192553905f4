package io.lanvan.signaling.internal;

import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.ReputationEvent;
import io.lanvan.api.trust.TrustService;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells trust how transfers ended (docs/admin-guide.md, "Reputation"), on a thread of its own so no
 * transfer waits for the database. When the reputation policy holds a device, its connections are
 * closed. While trust is stopped, outcomes are not counted.
 */
final class ReputationFeed {
    static final String HELD = "This device is on hold because of its reputation until an administrator approves it";
    private static final Logger LOG = LoggerFactory.getLogger(ReputationFeed.class);

    private final Supplier<TrustService> trust;
    private final Executor worker;
    private final BiConsumer<String, String> disconnect;

    ReputationFeed(Supplier<TrustService> trust, Executor worker, BiConsumer<String, String> disconnect) {
        this.trust = trust;
        this.worker = worker;
        this.disconnect = disconnect;
    }

    /** Counts {@code event} against {@code deviceId}; {@code actor} is the device whose report says so. */
    void count(String deviceId, ReputationEvent event, String actor, String detail) {
        TrustService current = trust.get();
        if (current == null) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    current.record(deviceId, event, actor, detail).filter(outcome -> outcome.status() == DeviceStatus.HELD)
                            .ifPresent(held -> disconnect.accept(deviceId, HELD));
                } catch (RuntimeException e) {
                    LOG.warn("Reputation event {} of {} not counted: {}", event.wire(), deviceId, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.debug("Reputation event {} of {} not counted: signaling is stopping", event.wire(), deviceId);
        }
    }
}
