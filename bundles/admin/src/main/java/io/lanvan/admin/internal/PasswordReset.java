package io.lanvan.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A password reset asked for from the server's shell ({@code bin/lanvan admin reset-password}):
 * the script writes the account name to {@value #REQUEST_FILE} in the data folder, readable by
 * the server's user only; the running server (or the next one started) carries it out and deletes
 * it. Whoever can write the data folder is the server's operator already, so the file is the proof.
 */
final class PasswordReset {
    static final String REQUEST_FILE = "admin-password-reset.request";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long MAX_BYTES = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordReset.class);

    private PasswordReset() {
    }

    /** The account whose password an operator asked to reset, if a valid request is waiting. */
    static Optional<String> requested(Path dataDir) throws IOException {
        Path request = dataDir.resolve(REQUEST_FILE);
        if (!Files.exists(request, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(request, LinkOption.NOFOLLOW_LINKS) || Files.size(request) > MAX_BYTES) {
            LOG.warn("Ignoring {}: not a small regular file", request);
            done(dataDir);
            return Optional.empty();
        }
        String username = Files.readString(request, StandardCharsets.UTF_8).strip();
        if (username.isEmpty()) {
            username = FirstAccount.ADMIN;
        }
        if (!USERNAME.matcher(username).matches()) {
            LOG.warn("Ignoring {}: '{}' is not an account name", request, username.length() > 64 ? username.substring(0, 64) : username);
            done(dataDir);
            return Optional.empty();
        }
        return Optional.of(username);
    }

    static void done(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(REQUEST_FILE));
    }
}
