package io.lanvan.admin.internal;

import java.time.Instant;

/** A signed-in admin: who, the CSRF token the console must echo, and when the session ends. */
record AdminSession(String username, String csrfToken, Instant createdAt, Instant lastSeen, boolean mustChangePassword) {
    AdminSession touched(Instant now) {
        return new AdminSession(username, csrfToken, createdAt, now, mustChangePassword);
    }

    AdminSession passwordChanged() {
        return new AdminSession(username, csrfToken, createdAt, lastSeen, false);
    }
}
