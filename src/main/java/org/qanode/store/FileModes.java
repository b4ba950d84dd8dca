package org.qanode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Modes of what the node writes under its data directory (issue 12, secure defaults): files
 * {@code 0640}, directories {@code 0750}. The data directory holds every patient's plans, so
 * nothing in it is world-readable, whatever the umask of the shell that started the node (the
 * systemd unit also sets {@code UMask=0027}); the group may read, for backup agents. Set
 * explicitly after creation because a umask can only take permissions away, and
 * {@code Files.createTempFile} makes files {@code 0600}. No-ops on file systems without POSIX
 * permissions.
 */
public final class FileModes {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private FileModes() {
    }

    /** Sets {@code file} to 0640 where the file system has POSIX permissions. */
    public static void file(Path file) throws IOException {
        set(file, FILE);
    }

    /** Sets {@code dir} to 0750 where the file system has POSIX permissions. */
    public static void directory(Path dir) throws IOException {
        set(dir, DIRECTORY);
    }

    /** {@code Files.createDirectories}, with every directory it creates (and {@code dir}) set to 0750. */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path missing = abs;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        boolean existed = Files.isDirectory(abs);
        Files.createDirectories(abs);
        if (!existed) {
            for (Path p = abs; p != null && p.startsWith(missing); p = p.getParent()) {
                directory(p);
            }
        }
        return dir;
    }

    private static void set(Path p, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(mode);
        }
    }
}
