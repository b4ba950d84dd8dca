package org.qanode.node;

import java.io.IOException;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.rt.RtObjects;
import org.qanode.rt.RtSummary;
import org.qanode.rt.RtSummaryCollector;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateStore;

/**
 * The one-sided RT summary of a stored state (plans, beams, delivered fractions of its current
 * objects; others skipped, unreadable ones listed): what {@code qanode rt-summary --state} prints
 * and {@code GET /api/v1/states/{name}/rt-summary} returns, built in this one place for both.
 * Application logic, free of HTTP: it moves with the other services out of this package.
 */
public final class StateRtSummary {
    private StateRtSummary() {
    }

    /** @throws IllegalArgumentException when there is no such state */
    public static RtSummary of(StateStore store, String state) {
        if (store.state(state).isEmpty()) {
            throw new IllegalArgumentException("no state '" + state + "'");
        }
        RtSummaryCollector collector = new RtSummaryCollector(false);
        for (InstanceRecord r : store.currentInstances(state)) {
            if (RtObjects.isRt(r.fields().sopClassUid())) {
                try {
                    collector.add(RtSummaryCollector.Side.BASELINE, RtObjects.summarise(
                            DicomReader.readFile(store.resolve(r), ReadOptions.withBulkDataByReference()).dataset()));
                } catch (IOException | RuntimeException e) {
                    collector.unreadable(r.sopInstanceUid() + " (" + e.getMessage() + ")");
                }
            }
        }
        return collector.build();
    }
}
