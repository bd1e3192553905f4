package io.lanvan.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The first admin password: random, shown once on the console and written to
 * {@code data/initial-admin-password} (owner read/write only) for an operator who missed it.
 * It must be changed at first sign-in.
 */
final class InitialPassword {
    static final String FILE = "initial-admin-password";
    /** Letters and digits people do not confuse when typing from a console. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int LENGTH = 20;

    private InitialPassword() {
    }

    static char[] generate(SecureRandom random) {
        char[] password = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }

    static Path write(Path dataDir, char[] password) throws IOException {
        Files.createDirectories(dataDir);
        Path target = dataDir.resolve(FILE);
        Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
        try {
            restrict(temporary);
            Files.writeString(temporary, new String(password) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own ACL applies.
        }
    }
}
