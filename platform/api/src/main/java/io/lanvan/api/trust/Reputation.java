package io.lanvan.api.trust;

/**
 * A device's reputation: the decayed score (0 for a new device, lower is worse; see the trust
 * capability's documentation for the weights) and the counts of each event, never decayed.
 * {@code flagged} when the score is below the policy's threshold and the policy flags or holds.
 */
public record Reputation(double score, long completed, long failed, long hashMismatches, long declined, long cancelled,
                         long reports, boolean flagged) {
}
