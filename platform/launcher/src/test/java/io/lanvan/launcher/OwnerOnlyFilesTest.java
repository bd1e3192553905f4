package io.lanvan.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path home;

    @Test
    void aDataFolderLeftReadableIsClosedToOtherUsersWithEverythingInIt() throws Exception {
        Path data = home.resolve("data");
        Path database = Files.createDirectories(data.resolve("db")).resolve("lanvan.mv.db");
        Files.writeString(database, "password hashes");
        Path script = Files.createDirectories(data.resolve("felix-cache")).resolve("run.sh");
        Files.writeString(script, "#!/bin/sh");
        setMode(data, "rwxr-xr-x");
        setMode(data.resolve("db"), "rwxr-xr-x");
        setMode(database, "rw-r--r--");
        setMode(script, "rwxr-xr-x");

        OwnerOnlyFiles.privateTree(data);

        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.resolve("db")));
        assertEquals("rw-------", mode(database));
        assertEquals("rwx------", mode(script), "the owner's own bits are kept");
    }

    @Test
    void aMissingDataFolderIsCreatedOwnerOnly() throws Exception {
        Path data = home.resolve("new/data");

        OwnerOnlyFiles.privateTree(data);

        assertEquals("rwx------", mode(data));
    }

    @Test
    void configurationFilesThatMayHoldPasswordsBecomeOwnerOnly() throws Exception {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Path persistence = Files.writeString(etc.resolve("io.lanvan.persistence.cfg"), "password = secret");
        setMode(persistence, "rw-rw-r--");
        setMode(etc, "rwxr-xr-x");

        OwnerOnlyFiles.privateFiles(etc);

        assertEquals("rw-------", mode(persistence));
        assertEquals("rwxr-xr-x", mode(etc), "the folder only lists names");
    }

    private static void setMode(Path path, String mode) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
