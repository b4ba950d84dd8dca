package org.qanode.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qanode.compare.ObjectSource;
import org.qanode.compare.SourceObject;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateStore;

/** The current objects of one state of the store, as one side of a comparison. */
final class StateSource implements ObjectSource {
    private final StateStore store;
    private final String state;

    StateSource(StateStore store, String state) {
        this.store = store;
        this.state = state;
    }

    @Override
    public String name() {
        return state;
    }

    @Override
    public List<SourceObject> objects() {
        List<SourceObject> out = new ArrayList<>();
        for (InstanceRecord r : store.currentInstances(state)) {
            Path file = store.resolve(r);
            String reason = r.parseError() != null ? r.parseError()
                    : r.integrity() != org.qanode.store.Integrity.OK ? "file " + r.integrity() : null;
            out.add(new SourceObject() {
                @Override
                public String id() {
                    return r.filePath();
                }

                @Override
                public String sopInstanceUid() {
                    return r.sopInstanceUid();
                }

                @Override
                public String sopClassUid() {
                    return r.sopClassUid();
                }

                @Override
                public String unreadableReason() {
                    return reason;
                }

                @Override
                public DicomFile read() throws IOException {
                    return DicomReader.readFile(file);
                }
            });
        }
        return out;
    }
}
