package org.qanode.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qanode.compare.ObjectSource;
import org.qanode.compare.SourceObject;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.ReadOptions;

/**
 * A state of the store as one side of a comparison: its current objects straight from the
 * index (no file is opened to identify them), each read in full only when its pair is compared.
 * The store implements the comparator's input (compare never imports store).
 *
 * <p>Every read is checked against the digest in the index ({@link StoredCopy}): a file that is
 * gone or no longer holds what was received makes its pair UNREADABLE with reason
 * {@code stored copy missing} or {@code stored copy damaged}, never a clinical difference. This
 * is checked on every read, not taken from the flag of the last {@code verify --repair}, and such an
 * object still pairs by its SOP Instance UID, so it appears once (UNREADABLE), not once per side.
 * Objects whose header could not be parsed when received come out UNREADABLE with that error.
 */
public final class StateObjectSource implements ObjectSource {
    private static final ReadOptions FULL = ReadOptions.withBulkDataByReference();

    private final StateStore store;
    private final String state;

    public StateObjectSource(StateStore store, String state) {
        this.store = store;
        this.state = state;
    }

    @Override
    public String name() {
        return state;
    }

    @Override
    public List<SourceObject> objects() throws IOException {
        return store.currentInstances(state).stream()
                .map(r -> (SourceObject) new Stored(r, store.resolve(r)))
                .toList();
    }

    private record Stored(InstanceRecord record, Path file) implements SourceObject {
        @Override
        public String id() {
            return record.filePath();
        }

        @Override
        public String sopInstanceUid() {
            return record.sopInstanceUid();
        }

        @Override
        public String sopClassUid() {
            return record.sopClassUid();
        }

        @Override
        public String unreadableReason() {
            return record.parseError();
        }

        @Override
        public DicomFile read() throws IOException {
            return StoredCopy.read(file, record, FULL);
        }
    }
}
