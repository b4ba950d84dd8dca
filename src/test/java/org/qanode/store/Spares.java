package org.qanode.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tests that look for files an object left behind skip the store's spare staging files ({@link SpareFiles}). */
final class Spares {
    private Spares() {
    }

    /** A spare no object took: named as one and empty. */
    static boolean unused(Path file) {
        try {
            return SpareFiles.isSpare(file) && Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
