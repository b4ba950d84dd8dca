package org.qanode.compare;

import org.qanode.dicom.Tags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;

/**
 * The regular files under a folder, recursively, whatever their names: an export as a ROIS
 * writes it. Each file is identified by reading only up to its SOP Instance UID. A file is an
 * object when it looks like DICOM: the DICM prefix (at byte 128, or at 0), a file meta group
 * without preamble, or a raw data set starting in group 0008 (little or big endian), or any
 * other bytes that parse as a data set with a SOP Instance UID. Such a file that does not parse
 * is UNREADABLE with a reason ({@link Reasons}), never skipped. Anything else (a README, a
 * checksum list) is not an object: it is left out and named in {@link #skipped()}, as is a
 * DICOMDIR (the export's index, not an object). Hidden files (name starting with '.') are left
 * out silently: they are file-system clutter, not exports.
 */
public final class FolderSource implements ObjectSource {
    /** Stop before the first element after SOP Instance UID (0008,0018). */
    private static final ReadOptions HEADER = ReadOptions.stopBefore(Tags.SOPInstanceUID + 1);
    private static final ReadOptions FULL = ReadOptions.withBulkDataByReference();

    private final Path root;
    private final String name;
    private volatile List<String> skipped = List.of();

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
        List<Object> found;
        try {
            // Header reads are independent small I/O: spread them over the cores.
            found = files.parallelStream().map(this::identify).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<SourceObject> objects = new ArrayList<>(found.size());
        List<String> notObjects = new ArrayList<>();
        for (Object o : found) {
            if (o instanceof SourceObject so) {
                objects.add(so);
            } else {
                notObjects.add((String) o);
            }
        }
        skipped = List.copyOf(notObjects);
        return objects;
    }

    @Override
    public List<String> skipped() {
        return skipped;
    }

    /** A {@link SourceObject}, or a String saying why the file is not an object. */
    private Object identify(Path file) {
        String id = root.relativize(file).toString().replace('\\', '/');
        boolean looksLikeDicom;
        try {
            looksLikeDicom = looksLikeDicom(file);
        } catch (IOException e) {
            return new FileObject(id, file, null, null, Reasons.of(e), modified(file));
        }
        try {
            DicomFile f = DicomReader.readFile(file, HEADER);
            Dataset ds = f.dataset();
            String uid = ds.getString(Tags.SOPInstanceUID);
            if (f.fileMeta() != null && UIDs.MediaStorageDirectoryStorage.equals(
                    stripped(f.fileMeta().getString(Tags.MediaStorageSOPClassUID)))) {
                return "file " + id + " is a DICOMDIR (the index of a DICOM export), not an object: left out of the comparison";
            }
            if (!looksLikeDicom && uid == null) {
                return notDicom(id);
            }
            return new FileObject(id, file, uid, ds.getString(Tags.SOPClassUID), null, modified(file));
        } catch (IOException e) {
            if (!looksLikeDicom) {
                return notDicom(id);
            }
            return new FileObject(id, file, null, null, Reasons.of(e), modified(file));
        }
    }

    private static String notDicom(String id) {
        return "file " + id + " is not a DICOM file (no DICM prefix, and it does not parse as a data set): left out of the comparison";
    }

    private static String stripped(String uid) {
        return uid == null ? null : uid.replace("\0", "").strip();
    }

    /**
     * The DICM prefix at byte 128 (PS3.10 7.1) or at byte 0, a meta group (0002) without preamble,
     * or a first element in group 0008 in either byte order: how every DICOM file or raw data set
     * of a composite object starts.
     */
    static boolean looksLikeDicom(Path file) throws IOException {
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        if (n >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M') {
            return true;
        }
        if (n < 8) {
            return false;
        }
        boolean metaLe = head[0] == 0x02 && head[1] == 0x00;
        boolean group8Le = head[0] == 0x08 && head[1] == 0x00;
        boolean group8Be = head[0] == 0x00 && head[1] == 0x08;
        return metaLe || group8Le || group8Be;
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
