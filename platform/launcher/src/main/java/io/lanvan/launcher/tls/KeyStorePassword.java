package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords locking the key stores LANVan writes: {@code tls/keystore.password}, and the CA's own {@code tls/ca.password}. */
final class KeyStorePassword {

    private static final int RANDOM_BYTES = 32;

    private KeyStorePassword() {
    }

    /** The password of the key stores the web server opens ({@code server.p12}); it is handed to the web server. */
    static char[] loadOrCreate(TlsDirectory dir) throws IOException {
        Path file = dir.passwordFile();
        if (Files.exists(file)) {
            return read(file, dir);
        }
        if (Files.exists(dir.caKeyStore()) && !Files.exists(dir.caPasswordFile())) {
            // A CA from before ca.password is locked with this one: a new password would orphan it.
            throw new IOException(file + " is missing, but " + dir.caKeyStore() + " is locked with it; restore it,"
                    + " or delete the folder " + dir.root() + " to create a new local CA (users must then install the new ca.crt)");
        }
        return create(file, dir);
    }

    static char[] read(Path file, TlsDirectory dir) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing; restore it, or delete the folder " + dir.root()
                    + " to create a new local CA (users must then install the new ca.crt)");
        }
        String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (stored.isEmpty()) {
            throw new IOException(file + " is empty; restore it, or delete the folder " + dir.root()
                    + " to create a new local CA (users must then install the new ca.crt)");
        }
        return stored.toCharArray();
    }

    /** A new random password, written to {@code file} (owner-only). */
    static char[] create(Path file, TlsDirectory dir) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        dir.writePrivate(file, password.getBytes(StandardCharsets.US_ASCII));
        return password.toCharArray();
    }
}
