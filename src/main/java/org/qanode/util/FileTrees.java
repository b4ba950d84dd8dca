package org.qanode.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a directory with everything in it, or only what its files hold. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; nothing when it does not exist. A file that
     * goes away meanwhile is no error (it was to be deleted anyway); any other failure is thrown
     * and leaves the rest in place.
     */
    public static void delete(Path root) throws IOException {
        walk(root, new GoneIsNoError() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Cuts every regular file under {@code root} to zero bytes and keeps the files and folders:
     * the space comes back at once, the inodes stay in use. Nothing when {@code root} does not
     * exist; a file that goes away meanwhile is no error.
     */
    public static void truncateFiles(Path root) throws IOException {
        walk(root, new GoneIsNoError() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && attrs.size() > 0) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    } catch (NoSuchFileException gone) {
                        // removed meanwhile: nothing left to cut
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Walks {@code root} when it exists (a link is not followed); nothing when it does not. */
    private static void walk(Path root, GoneIsNoError visitor) throws IOException {
        if (Files.notExists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, visitor);
    }

    /** A file that goes away while the tree is walked is no error: it was to be deleted or emptied anyway. */
    private abstract static class GoneIsNoError extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }
    }
}
