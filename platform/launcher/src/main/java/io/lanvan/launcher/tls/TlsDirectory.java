package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** The {@code <data>/tls} folder: where each TLS file lives, and writing them with the right permissions. */
final class TlsDirectory {

    private final Path root;
    private final boolean posix;

    private TlsDirectory(Path root, boolean posix) {
        this.root = root;
        this.posix = posix;
    }

    /** Creates the folder if needed and closes it to other users where the file system can. */
    static TlsDirectory open(Path root) throws IOException {
        Files.createDirectories(root);
        boolean posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
        return new TlsDirectory(root, posix);
    }

    Path root() {
        return root;
    }

    Path caKeyStore() {
        return root.resolve("ca.p12");
    }

    Path caCertificate() {
        return root.resolve("ca.crt");
    }

    Path serverKeyStore() {
        return root.resolve("server.p12");
    }

    Path passwordFile() {
        return root.resolve("keystore.password");
    }

    /** Locks {@code ca.p12} only; unlike {@link #passwordFile()} it is never handed to the web server. */
    Path caPasswordFile() {
        return root.resolve("ca.password");
    }

    Path adminKeyStore() {
        return root.resolve("admin-server.p12");
    }

    Path adminCaCertificate() {
        return root.resolve("admin-ca.crt");
    }

    /**
     * Readable by the server's own user only: keys and passwords, and certificates too (users download
     * those from the server, nothing else on the machine needs them).
     */
    void writePrivate(Path file, byte[] content) throws IOException {
        write(file, content, "rw-------");
    }

    /** Writes beside the target and moves it in, so a crash never leaves half a key store behind. */
    private void write(Path file, byte[] content, String permissions) throws IOException {
        // createTempFile makes the file owner-only on POSIX, so the content is never readable by others.
        Path temp = Files.createTempFile(root, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            if (posix) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
