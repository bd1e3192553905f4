package io.lanvan.audit.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Details are stored as one JSON object with keys in order, so text search can look into them. */
final class DetailsJson {
    /**
     * Stands in for details that are no longer a JSON object of strings (edited in the database).
     * No real event can carry this key (keys start with a letter), so the record's hash cannot match
     * and verification reports the row instead of failing to read it.
     */
    static final String UNREADABLE = "\u0000unreadable";
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() { };

    private final ObjectMapper mapper = new ObjectMapper();

    String write(Map<String, String> details) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    SortedMap<String, String> read(String json) {
        try {
            TreeMap<String, String> details = mapper.readValue(json, MAP);
            if (details != null && details.values().stream().allMatch(Objects::nonNull)) {
                return details;
            }
        } catch (JsonProcessingException | RuntimeException notAMapOfStrings) {
            // falls through to the stand-in
        }
        return new TreeMap<>(Map.of(UNREADABLE, json));
    }
}
