package org.qanode.compare;

import org.qanode.dicom.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;

/**
 * The regular files under a folder, recursively, whatever their names: an export as a ROIS
 * writes it. Each file is identified by reading only up to its SOP Instance UID; a file that
 * does not parse that far is kept as UNREADABLE with the reader's message, never skipped.
 * Hidden files (name starting with '.') are left out: they are file-system clutter, not exports.
 */
public final class FolderSource implements ObjectSource {
    /** Stop before the first element after SOP Instance UID (0008,0018). */
    private static final ReadOptions HEADER = ReadOptions.stopBefore(Tags.SOPInstanceUID + 1);
    private static final ReadOptions FULL = ReadOptions.withBulkDataByReference();

    private final Path root;
    private final String name;

    public FolderSource(Path root) {
        this(root, root.toString());
    }

    public FolderSource(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SourceObject> objects() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a folder: " + root);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        }
        try {
            // Header reads are independent small I/O: spread them over the cores.
            return files.parallelStream().map(this::identify).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private SourceObject identify(Path file) {
        String id = root.relativize(file).toString().replace('\\', '/');
        try {
            DicomFile f = DicomReader.readFile(file, HEADER);
            Dataset ds = f.dataset();
            return new FileObject(id, file, ds.getString(Tags.SOPInstanceUID), ds.getString(Tags.SOPClassUID), null,
                    modified(file));
        } catch (IOException e) {
            return new FileObject(id, file, null, null, e.getMessage(), modified(file));
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private record FileObject(String id, Path file, String sopInstanceUid, String sopClassUid,
                              String unreadableReason, Instant lastModified) implements SourceObject {
        @Override
        public DicomFile read() throws IOException {
            return DicomReader.readFile(file, FULL);
        }
    }
}
