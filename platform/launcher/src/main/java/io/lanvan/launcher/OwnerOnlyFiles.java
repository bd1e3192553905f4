package io.lanvan.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the server's secrets to other users of the machine: the data folder (database with password
 * hashes and the audit log, the CA key, the initial admin password) and the files in {@code etc/} (the
 * database password may be there). Files the server creates later are covered by the umask that
 * {@code bin/lanvan} and the systemd unit set; this catches what an unpacked archive, an older version
 * or an admin's copy left readable. On file systems without POSIX permissions it does nothing.
 */
final class OwnerOnlyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates {@code folder} if missing, then takes group and other permissions off it and everything in it. */
    static void privateTree(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!posix(folder)) {
            return;
        }
        AtomicInteger tightened = new AtomicInteger();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                tighten(dir, tightened);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    tighten(file, tightened); // symbolic links are left alone: their target may be anywhere
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (tightened.get() > 0) {
            LOG.warn("{} was readable by other users: took group and other permissions off {} files and folders",
                    folder, tightened.get());
        }
    }

    /** Takes group and other permissions off the regular files directly in {@code folder}, the folder itself kept. */
    static void privateFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder) || !posix(folder)) {
            return;
        }
        AtomicInteger tightened = new AtomicInteger();
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(file, tightened);
                }
            }
        }
        if (tightened.get() > 0) {
            LOG.warn("{} files in {} were readable by other users; they are now the server's own", tightened.get(), folder);
        }
    }

    private static void tighten(Path path, AtomicInteger tightened) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.removeAll(OTHERS)) {
            Files.setPosixFilePermissions(path, permissions);
            tightened.incrementAndGet();
        }
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
