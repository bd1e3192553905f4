package io.lanvan.trust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.trust.ReputationEvent;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReputationScoreTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aScoreHalvesEveryHalfLifeSoOldEventsFade() {
        ReputationScore scoring = ReputationScore.of(config(14, -10, "hold"));
        assertEquals(-5, scoring.decayed(-5, NOW, NOW), 1e-9);
        assertEquals(-2.5, scoring.decayed(-5, NOW, NOW.plus(Duration.ofDays(14))), 1e-9);
        assertEquals(-1.25, scoring.decayed(-5, NOW, NOW.plus(Duration.ofDays(28))), 1e-9);
        assertEquals(-5, scoring.decayed(-5, NOW, NOW.minusSeconds(60)), 1e-9, "a clock stepping back does not grow the score");
    }

    @Test
    void reportsAndHashMismatchesWeighMoreThanAFailedTransfer() {
        ReputationScore scoring = ReputationScore.of(config(14, -10, "flag"));
        assertTrue(scoring.weight(ReputationEvent.REPORTED) < scoring.weight(ReputationEvent.HASH_MISMATCH));
        assertTrue(scoring.weight(ReputationEvent.HASH_MISMATCH) < scoring.weight(ReputationEvent.FAILED));
        assertTrue(scoring.weight(ReputationEvent.COMPLETED) > 0);
        assertEquals(-2, 2 * scoring.weight(ReputationEvent.REPORTED) / 5, 1e-9);
    }

    @Test
    void theActionDecidesBetweenNothingAFlagAndAHold() {
        assertFalse(ReputationScore.of(config(14, -10, "off")).flags(-11));
        assertTrue(ReputationScore.of(config(14, -10, "flag")).flags(-11));
        assertFalse(ReputationScore.of(config(14, -10, "flag")).holds(-11));
        assertTrue(ReputationScore.of(config(14, -10, "hold")).holds(-11));
        assertFalse(ReputationScore.of(config(14, -10, "hold")).holds(-10), "at the threshold is not below it");
    }

    @Test
    void theFallbackIsTheConfigurationTypesDefaults() throws Exception {
        ReputationScore defaults = ReputationScore.of(config(
                (int) TrustConfig.class.getMethod("halfLifeDays").getDefaultValue(),
                (double) TrustConfig.class.getMethod("threshold").getDefaultValue(),
                (String) TrustConfig.class.getMethod("action").getDefaultValue()));
        assertEquals(defaults, ReputationScore.DEFAULTS);
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingItsField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReputationScore.of(config(0, -10, "flag")))
                .getMessage().startsWith("halfLifeDays"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReputationScore.of(config(14, 5, "flag")))
                .getMessage().startsWith("threshold"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReputationScore.of(config(14, Double.NaN, "flag")))
                .getMessage().startsWith("threshold"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReputationScore.of(config(14, -10, "ban")))
                .getMessage().startsWith("action"));
    }

    @Test
    void theOldPolicyListsAreReadInEveryShapeConfigAdminGives() {
        assertEquals(List.of("device-aaaa", "device-bbbb"), PolicyListsImport.ids("device-aaaa, device-bbbb,,"));
        assertEquals(List.of("device-aaaa", "device-bbbb"), PolicyListsImport.ids(new String[] {"device-aaaa", "device-bbbb", "device-aaaa"}));
        assertEquals(List.of("device-aaaa"), PolicyListsImport.ids(List.of("device-aaaa")));
        assertEquals(List.of(), PolicyListsImport.ids(null));
    }

    static TrustConfig config(int halfLifeDays, double threshold, String action) {
        return new TrustConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TrustConfig.class;
            }

            @Override
            public int halfLifeDays() {
                return halfLifeDays;
            }

            @Override
            public double threshold() {
                return threshold;
            }

            @Override
            public String action() {
                return action;
            }
        };
    }
}
