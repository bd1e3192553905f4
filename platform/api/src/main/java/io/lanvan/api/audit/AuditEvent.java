package io.lanvan.api.audit;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Something that must be on record: {@code actor} did {@code action} to {@code subject}, with
 * {@code details}. The audit log adds the sequence, time and hashes when it records it.
 *
 * <p>Actions are dotted lower-case names, area first: {@code admin.signin.failed},
 * {@code bundle.stopped}, {@code transfer.completed}. The actor is who acted ({@code system} for
 * the server itself, otherwise an admin, a device or a peer id); the subject is what was acted on
 * and may be empty. Name devices as {@code device:<id>} ({@link #device}) and put what is personal
 * about them (a device name, an address, file names) in details: the audit log seals the details
 * of an event that names a device, and its device references, under the devices' keys so that they
 * can be erased; the action, the detail keys and any other subject (a transfer id, a bundle: what
 * admins filter by) stay in clear. Texts may hold any character except NUL and unpaired surrogates, which could
 * not be stored or hashed faithfully. Limits are checked here, so an invalid event fails where it
 * is made, with a message that names the field and the limit.
 *
 * <p>Texts that are merely too long (an actor, a subject, a detail value: often something a user
 * typed or a setting an admin pasted) are not a reason to lose the event: they are cut to their
 * limit, ending with {@code …[truncated from N characters]}. This is the one place events are made
 * to fit; the action and detail keys are names chosen by code and are still refused when invalid.
 */
public record AuditEvent(String action, String actor, String subject, Map<String, String> details) {
    public static final int MAX_ACTION_LENGTH = 100;
    public static final int MAX_ACTOR_LENGTH = 200;
    public static final int MAX_SUBJECT_LENGTH = 500;
    public static final int MAX_DETAILS = 32;
    public static final int MAX_DETAIL_KEY_LENGTH = 64;
    public static final int MAX_DETAIL_VALUE_LENGTH = 2000;
    /** Ends a text cut to its limit; {@code %d} is its length before. */
    public static final String TRUNCATED_MARK = "…[truncated from %d characters]";
    /** The actor of what the server does on its own. */
    public static final String SYSTEM = "system";
    /**
     * How an event names a device, as its actor, subject or a detail value: {@code device:<deviceId>}.
     * The audit log seals what an event naming devices says (texts encrypted per device, see
     * docs/security.md) so that erasing a device's personal data leaves the chain verifiable.
     */
    public static final String DEVICE = "device:";
    /** What a device reference reads as after the device's personal data was erased: this prefix and a stable short id. */
    public static final String ERASED_DEVICE = "erased-device-";
    /** What any other sealed text reads as after a device it was about was erased. */
    public static final String ERASED = "[erased]";

    private static final Pattern ACTION = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    /** Checks every field, cutting over-long texts; {@code details} is copied into an unmodifiable map sorted by key. */
    public AuditEvent {
        if (action == null || action.length() > MAX_ACTION_LENGTH || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be 1-" + MAX_ACTION_LENGTH
                    + " characters of dotted lower-case words such as bundle.stopped, was " + quoted(action));
        }
        actor = text("actor", actor, MAX_ACTOR_LENGTH);
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
        subject = text("subject", subject, MAX_SUBJECT_LENGTH);
        Objects.requireNonNull(details, "details");
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("details hold at most " + MAX_DETAILS + " entries, had " + details.size());
        }
        SortedMap<String, String> copy = new TreeMap<>();
        details.forEach((key, value) -> {
            if (key == null || key.length() > MAX_DETAIL_KEY_LENGTH || !DETAIL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("details key must be 1-" + MAX_DETAIL_KEY_LENGTH
                        + " characters [A-Za-z0-9_.-] starting with a letter, was " + quoted(key));
            }
            copy.put(key, text("details." + key, value, MAX_DETAIL_VALUE_LENGTH));
        });
        details = Collections.unmodifiableSortedMap(copy);
    }

    /** An event without details. */
    public static AuditEvent of(String action, String actor, String subject) {
        return new AuditEvent(action, actor, subject, Map.of());
    }

    /** {@code deviceId} as events name a device: {@value #DEVICE} and the id. */
    public static String device(String deviceId) {
        return DEVICE + deviceId;
    }

    /** This event with one more detail (or {@code key} replaced). */
    public AuditEvent with(String key, String value) {
        Map<String, String> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditEvent(action, actor, subject, more);
    }

    /**
     * {@code text} cut to {@code maxLength} characters with {@link #TRUNCATED_MARK} at its end, or as
     * it is when it fits. A surrogate pair is never split.
     */
    public static String truncated(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        String mark = String.format(Locale.ROOT, TRUNCATED_MARK, text.length());
        if (mark.length() > maxLength) {
            mark = ""; // a limit too small to say so: cut only
        }
        int keep = maxLength - mark.length();
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + mark;
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        value = truncated(value, maxLength);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (c == 0 || (Character.isSurrogate(c) && !pairedHigh)) {
                throw new IllegalArgumentException(field + " must not contain NUL or unpaired surrogates (at index " + i + ")");
            }
            if (pairedHigh) {
                i++;
            }
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
