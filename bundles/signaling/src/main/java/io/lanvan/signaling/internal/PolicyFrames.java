package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import java.util.Optional;
import java.util.TreeSet;

/** The policies as devices see them, and how they apply to an offer. */
final class PolicyFrames {
    private PolicyFrames() {
    }

    /** {@code {"type":"policy","mode":...,"maxFileBytes":...,"maxTransferBytes":...,"blockedExtensions":[...]}} */
    static ObjectNode of(ObjectMapper json, Policy policy) {
        ObjectNode frame = json.createObjectNode().put("type", "policy").put("mode", policy.mode().wire())
                .put("maxFileBytes", policy.maxFileBytes()).put("maxTransferBytes", policy.maxTransferBytes());
        new TreeSet<>(policy.blockedExtensions()).forEach(frame.putArray("blockedExtensions")::add);
        return frame;
    }

    /** The route an offer takes under the mode: 'auto' narrows to what the mode allows; null when refused. */
    static String routeUnder(Policy policy, String requested) {
        DeploymentMode mode = policy.mode();
        return switch (requested) {
            case "direct" -> mode.allowsDirect() ? "direct" : null;
            case "relay" -> mode.allowsRelay() ? "relay" : null;
            default -> !mode.allowsDirect() ? "relay" : !mode.allowsRelay() ? "direct" : "auto";
        };
    }

    static Optional<String> refusalOf(Policy policy, JsonNode files, long totalBytes) {
        for (JsonNode file : files) {
            Optional<String> refusal = policy.refusalOf(file.get("name").asText(), file.get("size").asLong());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return policy.refusalOfTotal(totalBytes);
    }
}
