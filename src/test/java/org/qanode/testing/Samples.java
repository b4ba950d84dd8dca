package org.qanode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public DICOM corpus in ../shared/dicom-samples (see its SOURCES.md). Tests read it in
 * place; it is never copied into the repository.
 */
public final class Samples {
    private Samples() {
    }

    public static Path root() {
        String shared = System.getProperty("qanode.shared", "../shared");
        Path dir = Paths.get(shared, "dicom-samples").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("DICOM samples not found at " + dir
                    + ": check out the project with shared/ beside it, or set -Dqanode.shared");
        }
        return dir;
    }

    public static Path get(String relative) {
        return root().resolve(relative);
    }

    /** Every sample file (*.dcm), sorted by path. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one deliberately broken sample. */
    public static boolean isTruncated(Path p) {
        return p.getFileName().toString().contains("truncated");
    }

    /** All samples except the deliberately truncated one. */
    public static List<Path> readable() {
        return all().stream().filter(p -> !isTruncated(p)).collect(Collectors.toList());
    }
}
