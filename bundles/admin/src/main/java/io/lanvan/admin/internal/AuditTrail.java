package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.web.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the admin capability writes to the audit log. An admin's change is recorded <em>before</em>
 * it takes effect and waits until the record is committed: when it cannot be recorded (the audit
 * capability is not running, its queue is full, its database fails) the change is refused with
 * 503 and nothing happens, so no change escapes the log. Texts the log cannot store (NUL, unpaired
 * surrogates) are replaced and setting names made into detail keys; over-long values are cut by
 * {@link AuditEvent} itself, the one place events are made to fit, so a long setting never makes a
 * call fail.
 */
final class AuditTrail {
    /** How long a change waits for its record before it is refused. */
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private AuditTrail() {
    }

    /** Records the event and waits for it; throws a 503 problem when it is not on record. */
    static AuditRecord recordFirst(AuditLog log, AuditEvent event) {
        if (log == null) {
            throw unavailable("the audit capability is not running");
        }
        try {
            return log.record(event).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the server is stopping");
        } catch (ExecutionException e) {
            throw unavailable(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw unavailable("the audit log did not confirm the record within " + WAIT.toSeconds() + " s");
        } catch (RuntimeException e) {
            LOG.warn("The audit log failed to take {}", event.action(), e);
            throw unavailable("the audit log failed");
        }
    }

    /** Records every event and waits for all of them (a bulk change): throws a 503 problem when any is not on record. */
    static void recordAllFirst(AuditLog log, java.util.List<AuditEvent> events) {
        if (log == null) {
            throw unavailable("the audit capability is not running");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            java.util.List<java.util.concurrent.CompletableFuture<?>> pending = new java.util.ArrayList<>();
            for (AuditEvent event : events) {
                pending.add(log.record(event).toCompletableFuture());
            }
            for (java.util.concurrent.CompletableFuture<?> record : pending) {
                record.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the server is stopping");
        } catch (ExecutionException e) {
            throw unavailable(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw unavailable("the audit log did not confirm the records within " + WAIT.toSeconds() + " s");
        } catch (RuntimeException e) {
            LOG.warn("The audit log failed to take {} events", events.size(), e);
            throw unavailable("the audit log failed");
        }
    }

    /** Records what happened without waiting (sign-in attempts: the admin's own access, not a change). */
    static void recordLater(AuditLog log, AuditEvent event) {
        try {
            log.record(event).exceptionally(failure -> {
                LOG.warn("Not on record: {} by {} ({})", event.action(), event.actor(), failure.getMessage());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Not on record: {} by {} ({})", event.action(), event.actor(), e.toString());
        }
    }

    /** An event the log can store, whatever the texts (long ones are cut by {@link AuditEvent}, saying so). */
    static AuditEvent event(String action, String actor, String subject, Map<String, String> details) {
        Map<String, String> fitted = new TreeMap<>();
        for (Map.Entry<String, String> entry : details.entrySet()) {
            if (fitted.size() == AuditEvent.MAX_DETAILS - 1 && details.size() > AuditEvent.MAX_DETAILS) {
                fitted.put("more", (details.size() - fitted.size()) + " more settings not listed");
                break;
            }
            fitted.put(key(entry.getKey()), storable(entry.getValue()));
        }
        String who = storable(actor);
        return new AuditEvent(action, who.isBlank() ? "unknown" : who, storable(subject), fitted);
    }

    /** {@code text} with NUL and unpaired surrogates (which cannot be stored or hashed faithfully) replaced by U+FFFD. */
    static String storable(String text) {
        StringBuilder clean = new StringBuilder();
        String value = text == null ? "" : text;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                clean.append(c).append(value.charAt(++i));
            } else {
                clean.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }

    private static String key(String key) {
        String cleaned = key == null ? "" : key.replaceAll("[^A-Za-z0-9_.-]", "_");
        cleaned = cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) ? "k" + cleaned : cleaned;
        return cleaned.length() > AuditEvent.MAX_DETAIL_KEY_LENGTH ? cleaned.substring(0, AuditEvent.MAX_DETAIL_KEY_LENGTH) : cleaned;
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "Service Unavailable",
                "This change was not made because it could not be recorded in the audit log: " + why + ".");
    }
}
