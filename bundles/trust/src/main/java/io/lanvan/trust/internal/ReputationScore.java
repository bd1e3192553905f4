package io.lanvan.trust.internal;

import io.lanvan.api.trust.ReputationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The reputation score (docs/admin-guide.md, "Reputation"): each event adds its weight, and the
 * score decays towards 0 with a half-life, so a device's old mistakes fade and so does old praise.
 * Completed transfers count +1, failed -1, a hash mismatch -3, a declined offer -0.5, a cancelled
 * transfer -0.25, a report by a person -5.
 */
record ReputationScore(Duration halfLife, double threshold, Action action) {
    enum Action { OFF, FLAG, HOLD }

    /** The configuration type's defaults ({@link TrustConfig}): 14 days, -10, flag. */
    static final ReputationScore DEFAULTS = new ReputationScore(Duration.ofDays(14), -10, Action.FLAG);

    static ReputationScore of(TrustConfig config) {
        if (config.halfLifeDays() < 1 || config.halfLifeDays() > 3650) {
            throw new IllegalArgumentException("halfLifeDays must be between 1 and 3650, was " + config.halfLifeDays());
        }
        if (config.threshold() > 0 || config.threshold() < -1000 || Double.isNaN(config.threshold())) {
            throw new IllegalArgumentException("threshold must be between -1000 and 0, was " + config.threshold());
        }
        Action action;
        try {
            action = Action.valueOf(config.action().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action must be one of off, flag, hold, was '" + config.action() + "'");
        }
        return new ReputationScore(Duration.ofDays(config.halfLifeDays()), config.threshold(), action);
    }

    double weight(ReputationEvent event) {
        return switch (event) {
            case COMPLETED -> 1;
            case FAILED -> -1;
            case HASH_MISMATCH -> -3;
            case DECLINED -> -0.5;
            case CANCELLED -> -0.25;
            case REPORTED -> -5;
        };
    }

    /** {@code score} as it stood at {@code then}, decayed to {@code now}. */
    double decayed(double score, Instant then, Instant now) {
        long elapsed = Math.max(0, Duration.between(then, now).toMillis());
        return score * Math.pow(0.5, (double) elapsed / halfLife.toMillis());
    }

    boolean below(double score) {
        return score < threshold;
    }

    /** Whether admins are shown the device as flagged. */
    boolean flags(double score) {
        return action != Action.OFF && below(score);
    }

    /** Whether the device is to be held (refused until approved). */
    boolean holds(double score) {
        return action == Action.HOLD && below(score);
    }
}
