package io.lanvan.api.trust;

import java.util.Optional;

/**
 * A filter and page over known devices: by status, by text (in the id, name or platform, case
 * insensitive), and only those whose score is below {@code scoreBelow}.
 */
public record DeviceQuery(Optional<DeviceStatus> status, String text, Optional<Double> scoreBelow, int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    public DeviceQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        text = text == null ? "" : text;
    }
}
