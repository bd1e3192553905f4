package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** Small things every admin resource needs: who is calling, and recording what they are about to do. */
final class Admins {
    private Admins() {
    }

    static String username(HttpServletRequest request) {
        return ((AdminSession) request.getAttribute(AdminGate.SESSION_ATTRIBUTE)).username();
    }

    /**
     * Records an admin's change before it is made: call it after validating, before changing
     * anything. Throws a 503 problem when the change cannot be recorded, so it is not made.
     */
    static AuditRecord recordFirst(AuditLog audit, HttpServletRequest request, String action, String subject, Map<String, String> details) {
        return AuditTrail.recordFirst(audit, AuditTrail.event(action, username(request), subject, details));
    }
}
