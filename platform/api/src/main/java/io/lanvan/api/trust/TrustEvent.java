package io.lanvan.api.trust;

import java.time.Instant;

/**
 * One entry of a device's history: a decision ({@code first-seen}, {@code approved}, {@code revoked},
 * {@code held}, {@code refused}) or a reputation event ({@link ReputationEvent#wire()}), who caused
 * it and a short detail.
 */
public record TrustEvent(Instant at, String kind, String actor, String detail) {
}
