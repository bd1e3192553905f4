package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Reads message fields and checks their rules, failing with a message that names the field. */
final class Fields {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private Fields() {
    }

    static String text(JsonNode message, String field, int maxLength) throws InvalidField {
        JsonNode node = message.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidField("Field '" + field + "' must be a string");
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            throw new InvalidField("Field '" + field + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String optionalText(JsonNode message, String field, int maxLength) throws InvalidField {
        JsonNode node = message.get(field);
        return node == null || node.isNull() ? null : text(message, field, maxLength);
    }

    static String id(JsonNode message, String field) throws InvalidField {
        String value = text(message, field, 64);
        if (!ID.matcher(value).matches()) {
            throw new InvalidField("Field '" + field + "' must be 8-64 characters [A-Za-z0-9_-]");
        }
        return value;
    }

    /** A name shown to people: trimmed, 1-64 characters, no control characters. */
    static String displayName(JsonNode message, String field) throws InvalidField {
        String value = text(message, field, 256).strip();
        if (value.isEmpty() || value.length() > 64 || CONTROL.matcher(value).find()) {
            throw new InvalidField("Field '" + field + "' must be 1-64 characters without control characters");
        }
        return value;
    }

    static long nonNegative(JsonNode message, String field) throws InvalidField {
        JsonNode node = message.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new InvalidField("Field '" + field + "' must be a non-negative integer");
        }
        return node.asLong();
    }

    static JsonNode object(JsonNode message, String field) throws InvalidField {
        JsonNode node = message.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidField("Field '" + field + "' must be an object");
        }
        return node;
    }

    static String oneOf(JsonNode message, String field, java.util.Set<String> allowed) throws InvalidField {
        String value = text(message, field, 32);
        if (!allowed.contains(value)) {
            throw new InvalidField("Field '" + field + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return value;
    }
}
