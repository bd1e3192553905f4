package io.lanvan.api.store;

import java.time.Instant;

/** An admin account as stored: the password only as an Argon2id PHC string, never in clear. */
public record AdminAccount(String username, String passwordHash, boolean mustChangePassword, Instant passwordChangedAt) {
}
