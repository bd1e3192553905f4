package io.lanvan.audit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the server's user may read, made so from their creation (not chmod-ed afterwards, which
 * leaves a moment where they are readable). The launcher's own helper does the same for the whole
 * data folder at start, but a bundle cannot reach it, and the anchor key is made later. On file
 * systems without POSIX permissions (Windows) the data folder's ACL applies.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates {@code folder} (0700) if missing, and takes group and other permissions off it if present. */
    static void folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            if (posix(folder.getParent())) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectory(folder);
            }
        } else if (posix(folder)) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
    }

    /** A new, empty file (0600) at {@code file}, replacing a leftover one. */
    static Path newFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        return Files.createFile(file, attributes(file.getParent()));
    }

    /** The attributes that make a file created in {@code folder} owner-only, none where permissions are not POSIX. */
    static FileAttribute<?>[] attributes(Path folder) throws IOException {
        return posix(folder) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path existing) throws IOException {
        return Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
