package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The random password locking the key stores LANVan writes, kept in {@code tls/keystore.password}. */
final class KeyStorePassword {

    private static final int RANDOM_BYTES = 32;

    private KeyStorePassword() {
    }

    static char[] loadOrCreate(TlsDirectory dir) throws IOException {
        Path file = dir.passwordFile();
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (stored.isEmpty()) {
                throw new IOException(file + " is empty; restore it, or delete the folder " + dir.root()
                        + " to create a new local CA (users must then install the new ca.crt)");
            }
            return stored.toCharArray();
        }
        if (Files.exists(dir.caKeyStore())) {
            // Making a new password would orphan the CA that users have already installed.
            throw new IOException(file + " is missing, but " + dir.caKeyStore() + " is locked with it; restore it,"
                    + " or delete the folder " + dir.root() + " to create a new local CA (users must then install the new ca.crt)");
        }
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        dir.writePrivate(file, password.getBytes(StandardCharsets.US_ASCII));
        return password.toCharArray();
    }
}
