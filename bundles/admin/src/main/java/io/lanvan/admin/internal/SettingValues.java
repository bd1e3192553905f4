package io.lanvan.admin.internal;

import io.lanvan.api.web.ProblemException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.service.metatype.AttributeDefinition;

/** Converts JSON values to an attribute's Metatype type and checks them with the definition's own validation. */
final class SettingValues {
    static final Map<Integer, String> TYPE_NAMES = Map.of(AttributeDefinition.STRING, "string", AttributeDefinition.LONG, "long",
            AttributeDefinition.INTEGER, "integer", AttributeDefinition.BOOLEAN, "boolean", AttributeDefinition.PASSWORD, "password",
            AttributeDefinition.DOUBLE, "double", AttributeDefinition.FLOAT, "float");

    private SettingValues() {
    }

    static Object convert(AttributeDefinition attribute, Object value) {
        if (attribute.getCardinality() != 0) {
            List<?> items = value instanceof Collection<?> list ? List.copyOf(list) : List.of(value);
            String[] array = new String[items.size()];
            for (int i = 0; i < items.size(); i++) {
                array[i] = String.valueOf(items.get(i));
                check(attribute, array[i]);
            }
            return array;
        }
        String text = String.valueOf(value);
        check(attribute, text);
        return switch (attribute.getType()) {
            case AttributeDefinition.LONG -> Long.parseLong(text.strip());
            case AttributeDefinition.INTEGER -> Integer.parseInt(text.strip());
            case AttributeDefinition.BOOLEAN -> Boolean.parseBoolean(text.strip());
            case AttributeDefinition.DOUBLE -> Double.parseDouble(text.strip());
            default -> text;
        };
    }

    private static void check(AttributeDefinition attribute, String text) {
        String problem;
        try {
            problem = attribute.validate(text);
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        if (problem != null && !problem.isEmpty()) {
            throw ProblemException.badRequest("Field '" + attribute.getID() + "': " + problem);
        }
        if (attribute.getType() == AttributeDefinition.BOOLEAN && !text.strip().matches("true|false")) {
            throw ProblemException.badRequest("Field '" + attribute.getID() + "' must be true or false");
        }
    }

    static String text(Object value) {
        return value instanceof String[] array ? String.join(", ", array) : String.valueOf(value);
    }
}
