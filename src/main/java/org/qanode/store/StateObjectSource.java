package org.qanode.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qanode.compare.ObjectSource;
import org.qanode.compare.SourceObject;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;

/**
 * A state of the store as one side of a comparison: its current objects straight from the
 * index (no file is opened to identify them), each read in full only when its pair is compared.
 * The store implements the comparator's input (compare never imports store). Objects the index marks
 * unparsable, missing or corrupted come out UNREADABLE with that reason.
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
            if (record.parseError() != null) {
                return record.parseError();
            }
            return record.integrity() == Integrity.OK ? null : "file " + record.integrity() + " (verify --repair)";
        }

        @Override
        public DicomFile read() throws IOException {
            return DicomReader.readFile(file, FULL);
        }
    }
}
