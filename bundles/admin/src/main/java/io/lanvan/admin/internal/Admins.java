package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** Small things every admin resource needs: who is calling, and recording what they did. */
final class Admins {
    private Admins() {
    }

    static String username(HttpServletRequest request) {
        return ((AdminSession) request.getAttribute(AdminGate.SESSION_ATTRIBUTE)).username();
    }

    static void record(AuditLog audit, HttpServletRequest request, String action, String subject, Map<String, String> details) {
        if (audit != null) {
            audit.record(new AuditEvent(action, username(request), subject, details));
        }
    }
}
