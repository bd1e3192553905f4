package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
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
 * 503 and nothing happens, so no change escapes the log. Events are made to fit the log's limits
 * (long values shortened, odd characters replaced), so a long setting never makes a call fail.
 */
final class AuditTrail {
    /** How long a change waits for its record before it is refused. */
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private AuditTrail() {
    }

    /** Records the event and waits for it; throws a 503 problem when it is not on record. */
    static void recordFirst(AuditLog log, AuditEvent event) {
        if (log == null) {
            throw unavailable("the audit capability is not running");
        }
        try {
            log.record(event).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
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

    /** An event within the log's limits, whatever the texts: long ones are shortened, saying by how much. */
    static AuditEvent event(String action, String actor, String subject, Map<String, String> details) {
        Map<String, String> fitted = new TreeMap<>();
        for (Map.Entry<String, String> entry : details.entrySet()) {
            if (fitted.size() == AuditEvent.MAX_DETAILS - 1 && details.size() > AuditEvent.MAX_DETAILS) {
                fitted.put("more", (details.size() - fitted.size()) + " more settings not listed");
                break;
            }
            fitted.put(key(entry.getKey()), fit(entry.getValue(), AuditEvent.MAX_DETAIL_VALUE_LENGTH));
        }
        String who = fit(actor, AuditEvent.MAX_ACTOR_LENGTH);
        return new AuditEvent(action, who.isBlank() ? "unknown" : who, fit(subject, AuditEvent.MAX_SUBJECT_LENGTH), fitted);
    }

    static String fit(String text, int maxLength) {
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
        if (clean.length() <= maxLength) {
            return clean.toString();
        }
        // Room for the note with as many digits as the whole length has, which the dropped count cannot exceed.
        int keep = maxLength - ("… ( more characters)".length() + Integer.toString(clean.length()).length());
        if (Character.isHighSurrogate(clean.charAt(keep - 1))) {
            keep--;
        }
        String note = "… (" + (clean.length() - keep) + " more characters)";
        return clean.substring(0, keep) + note;
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
