package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageSink;
import org.qanode.testing.RtObjects;
import org.qanode.testing.SinkFeeder;
import org.qanode.testing.StateGenerator;

/**
 * A small pre/post pair with exactly three seeded differences: one plan's RTPlanLabel changed,
 * one record missing after the "upgrade", one record new. Everything else in the candidate is a
 * benign re-export (other transfer syntax, new creation times, reordered beams), which must not
 * show up.
 */
final class Seeds {
    static final StateGenerator.Spec SPEC = new StateGenerator.Spec(2, 1, 2, 4, 4, 2);
    static final String CHANGED_PLAN = RtObjects.planUid(1, 1);
    static final String MISSING_RECORD;
    static final String NEW_RECORD;

    static {
        List<Dataset> p2 = StateGenerator.patientObjects(SPEC, 2);
        MISSING_RECORD = p2.get(2).getString(Tags.SOPInstanceUID);
        NEW_RECORD = RtObjects.beamsRecord(p2.get(0), 2, 1, 9).getString(Tags.SOPInstanceUID);
    }

    private Seeds() {
    }

    static List<Dataset> baseline() {
        List<Dataset> out = new ArrayList<>();
        for (int p = 1; p <= SPEC.patients(); p++) {
            out.addAll(StateGenerator.patientObjects(SPEC, p));
        }
        return out;
    }

    static List<Dataset> candidate() {
        List<Dataset> out = new ArrayList<>();
        for (Dataset ds : baseline()) {
            String uid = ds.getString(Tags.SOPInstanceUID);
            if (uid.equals(MISSING_RECORD)) {
                continue;
            }
            Dataset c = StateGenerator.benignReexport(ds);
            if (uid.equals(CHANGED_PLAN)) {
                c.setString(Tags.RTPlanLabel, VR.SH, "VMAT1-NEW");
            }
            out.add(c);
        }
        Dataset plan2 = StateGenerator.patientObjects(SPEC, 2).get(0);
        out.add(RtObjects.beamsRecord(plan2, 2, 1, 9));
        return out;
    }

    /** Sends the baseline to QA_PRE and the candidate to QA_POST; every object must be stored. */
    static void fill(StorageSink sink) throws IOException {
        send(sink, baseline(), "QA_PRE", TransferSyntax.IMPLICIT_LE);
        int i = 0;
        for (Dataset ds : candidate()) {
            assertThat(SinkFeeder.send(sink, ds, StateGenerator.syntax(i++), "ARIA", "QA_POST")).isEqualTo(DimseStatus.SUCCESS);
        }
    }

    static void send(StorageSink sink, List<Dataset> objects, String calledAe, TransferSyntax ts) throws IOException {
        for (Dataset ds : objects) {
            assertThat(SinkFeeder.send(sink, ds, ts, "ARIA", calledAe)).isEqualTo(DimseStatus.SUCCESS);
        }
    }
}
