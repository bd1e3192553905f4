package io.lanvan.admin.internal;

import java.time.Instant;

/** An admin account as stored: the password only as an Argon2id PHC string, never in clear. */
record AdminAccount(String username, String passwordHash, boolean mustChangePassword, Instant passwordChangedAt) {
}
