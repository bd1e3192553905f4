package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * What signaling writes to the audit log: devices joining and leaving, and every step of a
 * transfer with its route, size and duration. File names only when the audit settings allow them;
 * never any content.
 */
final class TransferAudit {
    private static final int MAX_NAMES = 20;
    private final Supplier<AuditLog> audit;

    TransferAudit(Supplier<AuditLog> audit) {
        this.audit = audit;
    }

    void joined(Peer peer) {
        // the name in details, not as the subject: details of events naming a device are sealed, so they can be erased
        record("device.joined", peer, "", Map.of("name", peer.name(), "platform", peer.platform(), "address", peer.session().remoteAddress()));
    }

    void left(Peer peer) {
        record("device.left", peer, "", Map.of("name", peer.name()));
    }

    void offered(Peer from, Peer to, String transferId, Offers.Checked offer, JsonNode files) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("to", AuditEvent.device(to.deviceId()));
        details.put("files", Integer.toString(offer.files()));
        details.put("bytes", Long.toString(offer.totalBytes()));
        details.put("route", offer.route());
        AuditLog log = audit.get();
        if (log != null && log.recordsFileNames()) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < Math.min(files.size(), MAX_NAMES); i++) {
                names.append(i == 0 ? "" : ", ").append(files.get(i).get("name").asText());
            }
            details.put("names", names.length() > 1900 ? names.substring(0, 1900) + "..." : names.toString());
        }
        record("transfer.offered", from, transferId, details);
    }

    void answered(String action, Peer by, String transferId, Map<String, String> details) {
        record(action, by, transferId, details);
    }

    private void record(String action, Peer actor, String subject, Map<String, String> details) {
        AuditLog log = audit.get();
        if (log == null) {
            return;
        }
        try {
            log.record(new AuditEvent(action, AuditEvent.device(actor.deviceId()), subject, details));
        } catch (IllegalArgumentException unrecordable) {
            // a client-supplied name the audit log cannot hold (e.g. an unpaired surrogate): keep the event, drop the names
            LoggerFactory.getLogger(TransferAudit.class).warn("Audit event {} recorded without details: {}", action,
                    unrecordable.getMessage());
            log.record(new AuditEvent(action, AuditEvent.device(actor.deviceId()), subject, Map.of()));
        }
    }
}
