package io.lanvan.policy.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Converts a value an admin sent (JSON: string, number, boolean, list) to a configuration attribute's type. */
final class Coercion {
    private Coercion() {
    }

    static Object to(Class<?> type, String field, Object value) {
        if (type == String.class) {
            return text(field, value);
        }
        if (type == String[].class) {
            if (value instanceof Collection<?> list) {
                return list.stream().map(item -> text(field, item)).toArray(String[]::new);
            }
            if (value instanceof String[] array) {
                return array;
            }
            return new String[] {text(field, value)};
        }
        if (type == boolean.class) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            String text = String.valueOf(value);
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(field + " must be true or false");
            }
            return Boolean.parseBoolean(text);
        }
        if (type == long.class || type == int.class) {
            long number;
            try {
                number = value instanceof Number n ? wholeNumber(n) : Long.parseLong(text(field, value).strip());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(field + " must be a whole number from " + Long.MIN_VALUE
                        + " to " + Long.MAX_VALUE);
            }
            if (type == int.class) {
                if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(field + " is out of range");
                }
                return (int) number;
            }
            return number;
        }
        throw new IllegalArgumentException(field + " has an unsupported type");
    }

    /** JSON objects and nested lists are never a setting's text: refused instead of saved as "{}". */
    private static String text(String field, Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException(field + " must be text or a list of texts, not a JSON object or nested list");
        }
        return String.valueOf(value);
    }

    /** The exact long value; fractions and numbers beyond the long range throw instead of being cut. */
    private static long wholeNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        return new BigDecimal(number.toString()).longValueExact();
    }
}
