package io.lanvan.api.audit;

import java.time.Instant;

/**
 * Which records to read; every {@code null} field matches everything. {@code from} is inclusive and
 * {@code to} exclusive; {@code actionPrefix} matches whole dotted words or a start of one
 * ({@code admin.} or {@code admin.signin}); {@code actor} and {@code subject} match exactly;
 * {@code text} matches, ignoring case, anywhere in the action, actor, subject or details.
 */
public record AuditFilter(Instant from, Instant to, String actionPrefix, String actor, String subject, String text) {
    public static final int MAX_TEXT_LENGTH = 200;
    /** Matches every record. */
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    /** Blank strings mean "no constraint"; a search text is limited to {@value #MAX_TEXT_LENGTH} characters. */
    public AuditFilter {
        actionPrefix = blankToNull(actionPrefix);
        actor = blankToNull(actor);
        subject = blankToNull(subject);
        text = blankToNull(text);
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters, was " + text.length());
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
    }

    public AuditFilter withFrom(Instant value) {
        return new AuditFilter(value, to, actionPrefix, actor, subject, text);
    }

    public AuditFilter withTo(Instant value) {
        return new AuditFilter(from, value, actionPrefix, actor, subject, text);
    }

    public AuditFilter withActionPrefix(String value) {
        return new AuditFilter(from, to, value, actor, subject, text);
    }

    public AuditFilter withActor(String value) {
        return new AuditFilter(from, to, actionPrefix, value, subject, text);
    }

    public AuditFilter withSubject(String value) {
        return new AuditFilter(from, to, actionPrefix, actor, value, text);
    }

    public AuditFilter withText(String value) {
        return new AuditFilter(from, to, actionPrefix, actor, subject, value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
