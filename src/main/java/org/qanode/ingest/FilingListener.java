package org.qanode.ingest;

import org.qanode.net.dimse.StoreContext;
import org.qanode.store.FilingKind;

/**
 * What became of each object the store accepted: the state, how it was filed (new, identical
 * duplicate, repaired, new version) and the study and patient it belongs to. Called on the
 * association's storage thread right after the commit, before the C-STORE response; must be quick
 * and never throw (the audit trail queues and returns).
 */
@FunctionalInterface
public interface FilingListener {
    FilingListener NONE = (ctx, state, kind, studyInstanceUid, patientId) -> { };

    void filed(StoreContext ctx, String state, FilingKind kind, String studyInstanceUid, String patientId);
}
