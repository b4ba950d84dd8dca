package org.qanode.node;

import java.util.ArrayList;
import java.util.List;
import org.qanode.store.StateStore;

/**
 * Whether the node can store what it is sent right now, and if not, why: the index answers,
 * the data directory is writable and above its free-space watermark
 * ({@code storage.minFreeBytes}), and the DICOM listener is bound (a node whose REST API is up
 * but whose DICOM port is not yet, or no longer, open cannot receive). Health checks, load
 * balancers and orchestrators read it; the HTTP resource only renders it.
 *
 * <p>A node without a DICOM listener of its own (tests, tools) never calls the {@code dicom*}
 * methods, and the listener is then not part of readiness.
 */
public final class Readiness {

    /** One answer: {@code reasons} is empty exactly when {@code ready}. */
    public record Report(boolean ready, boolean indexReachable, boolean dataDirWritable, List<String> reasons) {
    }

    private enum Dicom { NOT_EXPECTED, STARTING, LISTENING, STOPPED }

    private final StateStore store;
    private volatile Dicom dicom = Dicom.NOT_EXPECTED;

    Readiness(StateStore store) {
        this.store = store;
    }

    /** The node will run a DICOM listener that is not bound yet: not ready until {@link #dicomListening}. */
    public void dicomStarting() {
        dicom = Dicom.STARTING;
    }

    /** The DICOM port is bound and accepting associations. */
    public void dicomListening() {
        dicom = Dicom.LISTENING;
    }

    /** Shutting down: the listener accepts no new association. */
    public void dicomStopped() {
        dicom = Dicom.STOPPED;
    }

    /** Looks now (an index round trip, a statvfs); cheap enough for every health request. */
    public Report check() {
        List<String> reasons = new ArrayList<>();
        boolean index = store.indexReachable();
        if (!index) {
            reasons.add("index unreachable: " + store.indexUrl());
        }
        boolean writable = store.dataDirWritable();
        if (!writable) {
            reasons.add("data directory not writable: " + store.dataDir());
        }
        String shortfall = writable ? store.freeSpaceShortfall() : null;
        if (shortfall != null) {
            reasons.add(shortfall);
        }
        String checkpoint = store.checkpointProblem();
        if (checkpoint != null) {
            reasons.add(checkpoint);
        }
        switch (dicom) {
            case STARTING -> reasons.add("DICOM port not yet bound");
            case STOPPED -> reasons.add("DICOM listener stopped (shutting down)");
            default -> {
            }
        }
        return new Report(reasons.isEmpty(), index, writable, List.copyOf(reasons));
    }
}
