package io.lanvan.policy.internal;

import java.util.Collection;

/** Converts a value an admin sent (JSON: string, number, boolean, list) to a configuration attribute's type. */
final class Coercion {
    private Coercion() {
    }

    static Object to(Class<?> type, String field, Object value) {
        if (type == String.class) {
            return String.valueOf(value);
        }
        if (type == String[].class) {
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toArray(String[]::new);
            }
            if (value instanceof String[] array) {
                return array;
            }
            return new String[] {String.valueOf(value)};
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
                number = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a whole number");
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
}
