package io.lanvan.admin.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin sessions, in memory: a server restart signs everyone out. The cookie carries a random
 * token; only its SHA-256 is kept, so the session table alone cannot be replayed. Sessions end after
 * an idle period and after a maximum age.
 */
final class Sessions {
    private final Map<String, AdminSession> byTokenHash = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration idle;
    private volatile Duration maxAge;

    Sessions(Clock clock, Duration idle, Duration maxAge) {
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
    }

    void limits(Duration idle, Duration maxAge) {
        this.idle = idle;
        this.maxAge = maxAge;
    }

    /** Starts a session; returns the cookie token (shown to the browser only). */
    String start(String username, boolean mustChangePassword, StringBuilder csrfOut) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        byTokenHash.put(hash(token), new AdminSession(username, csrf, now, now, mustChangePassword));
        csrfOut.append(csrf);
        return token;
    }

    /** The live session for a cookie token, refreshed; empty when unknown or expired. */
    Optional<AdminSession> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String key = hash(token);
        Instant now = clock.instant();
        AdminSession session = byTokenHash.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (now.isAfter(session.lastSeen().plus(idle)) || now.isAfter(session.createdAt().plus(maxAge))) {
            byTokenHash.remove(key);
            return Optional.empty();
        }
        AdminSession touched = session.touched(now);
        byTokenHash.put(key, touched);
        return Optional.of(touched);
    }

    void passwordChanged(String token) {
        byTokenHash.computeIfPresent(hash(token), (key, session) -> session.passwordChanged());
    }

    void end(String token) {
        if (token != null) {
            byTokenHash.remove(hash(token));
        }
    }

    /** Ends every session of an account but the given one (after a password change). */
    void endOthers(String username, String keepToken) {
        String keep = keepToken == null ? "" : hash(keepToken);
        byTokenHash.entrySet().removeIf(entry -> entry.getValue().username().equals(username) && !entry.getKey().equals(keep));
    }

    /** Ends every session of an account (its password was reset). */
    void endAll(String username) {
        byTokenHash.values().removeIf(session -> session.username().equals(username));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
