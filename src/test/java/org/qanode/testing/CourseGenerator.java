package org.qanode.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;

/**
 * Generated treatment courses for the nightly clinical flags (issue 13): one plan of
 * {@link RtObjects#multiGroupPlan} (fraction group 1: beams 1 AP and 2 PA, 100 and 120 MU, and
 * beam 3, a SETUP field; group 2, a boost: beam 4, 150 MU) and one RT Beams Treatment Record per
 * treated fraction, every beam of its group delivered in full, verified and ended NORMAL, unless a
 * fraction says otherwise: an override, an interruption, a beam of another group, a missing
 * Referenced Fraction Group Number. Fractions planned and the approval status are settable.
 * Deterministic: the same calls give the same objects (UIDs included).
 */
public final class CourseGenerator {
    /** Planned meterset per beam (PS3.3 C.8.8.13 Beam Meterset), as multiGroupPlan writes it. */
    public static final Map<Integer, Double> PLANNED_MU = Map.of(1, 100.0, 2, 120.0, 4, 150.0);

    private final Dataset plan;
    private final List<Fraction> fractions = new ArrayList<>();

    public CourseGenerator(int patient) {
        plan = RtObjects.multiGroupPlan(patient);
    }

    public Dataset plan() {
        return plan;
    }

    public String planUid() {
        return plan.getString(Tags.SOPInstanceUID);
    }

    /** Approval Status (300E,0002) of the plan: APPROVED (default), UNAPPROVED, REJECTED. */
    public CourseGenerator approval(String status) {
        plan.setString(Tags.ApprovalStatus, VR.CS, status);
        return this;
    }

    /** Number of Fractions Planned (300A,0078) of fraction group {@code group}. */
    public CourseGenerator fractionsPlanned(int group, int n) {
        for (Dataset g : plan.getSequence(Tags.FractionGroupSequence)) {
            if (g.getInt(Tags.FractionGroupNumber, 0) == group) {
                g.setInt(Tags.NumberOfFractionsPlanned, VR.IS, n);
            }
        }
        return this;
    }

    /** A copy of the plan with beam 1's meterset changed: another version of the same plan (same UID). */
    public Dataset planWithBeam1Meterset(double mu) {
        Dataset copy = new Dataset();
        copy.addAll(plan);
        Dataset rb = copy.getSequence(Tags.FractionGroupSequence).get(0).getSequence(Tags.ReferencedBeamSequence).get(0);
        rb.setDouble(Tags.BeamMeterset, VR.DS, mu);
        return copy;
    }

    /** Treatment of fraction {@code number} of {@code group}: one record, every beam of the group given in full. */
    public Fraction fraction(int group, int number) {
        Fraction f = new Fraction(group, number, fractions.size() + 1);
        fractions.add(f);
        return f;
    }

    /** Fractions {@code from}..{@code to} of group 1, clean. */
    public CourseGenerator treat(int from, int to) {
        for (int n = from; n <= to; n++) {
            fraction(1, n);
        }
        return this;
    }

    /** The records, in the order the fractions were added. */
    public List<Dataset> records() {
        return fractions.stream().map(f -> f.record(plan)).toList();
    }

    /** The first {@code n} records. */
    public List<Dataset> records(int n) {
        return records().subList(0, n);
    }

    /** Writes {@code objects} into {@code dir} (Explicit VR Little Endian), one file per object. */
    public static Path write(Path dir, List<Dataset> objects) {
        int i = 0;
        for (Dataset ds : objects) {
            StateGenerator.write(dir.resolve(String.format("%03d.dcm", i++)), ds, TransferSyntax.EXPLICIT_LE);
        }
        return dir;
    }

    /** One treated fraction, one RT Beams Treatment Record; what deviates from a clean delivery. */
    public static final class Fraction {
        private final int group;
        private final int number;
        private final int index;
        private final Map<Integer, String[]> beams = new LinkedHashMap<>();
        private boolean groupReference = true;

        private Fraction(int group, int number, int index) {
            this.group = group;
            this.number = number;
            this.index = index;
            for (int b : group == 1 ? new int[] {1, 2} : new int[] {4}) {
                beams.put(b, new String[] {"NORMAL", String.valueOf(PLANNED_MU.get(b)), "VERIFIED"});
            }
        }

        /** The beam was treated with an override (Treatment Verification Status VERIFIED_OVR). */
        public Fraction override(int beam) {
            beams.get(beam)[2] = "VERIFIED_OVR";
            return this;
        }

        /** The beam ended with {@code termination} (OPERATOR, MACHINE, UNKNOWN) after {@code delivered} MU. */
        public Fraction interrupted(int beam, String termination, double delivered) {
            beams.get(beam)[0] = termination;
            beams.get(beam)[1] = String.valueOf(delivered);
            return this;
        }

        /** The beam ended NORMAL but with only {@code delivered} MU recorded. */
        public Fraction delivered(int beam, double delivered) {
            beams.get(beam)[1] = String.valueOf(delivered);
            return this;
        }

        /** Beam {@code beam} (planned or not) was delivered in full too, e.g. the boost beam in a group 1 fraction. */
        public Fraction alsoBeam(int beam) {
            beams.put(beam, new String[] {"NORMAL", String.valueOf(PLANNED_MU.getOrDefault(beam, 80.0)), "VERIFIED"});
            return this;
        }

        /** Only these beams were treated in this session (e.g. the rest of an interrupted beam, given later). */
        public Fraction only(int... kept) {
            java.util.Set<Integer> keep = new java.util.HashSet<>();
            for (int b : kept) {
                keep.add(b);
            }
            beams.keySet().retainAll(keep);
            return this;
        }

        /** The record carries no Referenced Fraction Group Number (300C,0022), which is Type 3. */
        public Fraction withoutGroupReference() {
            groupReference = false;
            return this;
        }

        Dataset record(Dataset plan) {
            Dataset ds = new Dataset();
            String date = String.format("2026%02d%02d", 1 + (index - 1) / 28, 1 + (index - 1) % 28);
            ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            ds.setString(Tags.SOPClassUID, VR.UI, UIDs.RTBeamsTreatmentRecordStorage);
            ds.setString(Tags.SOPInstanceUID, VR.UI, plan.getString(Tags.SOPInstanceUID) + ".8." + index);
            ds.setString(Tags.Modality, VR.CS, "RTRECORD");
            ds.setString(Tags.PatientName, VR.PN, plan.getText(Tags.PatientName));
            ds.setString(Tags.PatientID, VR.LO, plan.getText(Tags.PatientID));
            ds.setString(Tags.StudyInstanceUID, VR.UI, plan.getText(Tags.StudyInstanceUID));
            ds.setString(Tags.TreatmentDate, VR.DA, date);
            ds.setString(Tags.TreatmentTime, VR.TM, "081500");
            Dataset ref = ds.newSequence(Tags.ReferencedRTPlanSequence, 1).addItem();
            ref.setString(Tags.ReferencedSOPClassUID, VR.UI, UIDs.RTPlanStorage);
            ref.setString(Tags.ReferencedSOPInstanceUID, VR.UI, plan.getText(Tags.SOPInstanceUID));
            if (groupReference) {
                ds.setInt(Tags.ReferencedFractionGroupNumber, VR.IS, group);
            }
            Sequence seq = ds.newSequence(Tags.TreatmentSessionBeamSequence, beams.size());
            for (Map.Entry<Integer, String[]> e : beams.entrySet()) {
                Dataset s = seq.addItem();
                s.setString(Tags.BeamName, VR.LO, "B" + e.getKey());
                s.setInt(Tags.CurrentFractionNumber, VR.IS, number);
                s.setString(Tags.TreatmentDeliveryType, VR.CS, "TREATMENT");
                s.setString(Tags.TreatmentTerminationStatus, VR.CS, e.getValue()[0]);
                s.setString(Tags.TreatmentVerificationStatus, VR.CS, e.getValue()[2]);
                s.setDouble(Tags.SpecifiedPrimaryMeterset, VR.DS, PLANNED_MU.getOrDefault(e.getKey(), 80.0));
                s.setDouble(Tags.DeliveredPrimaryMeterset, VR.DS, Double.parseDouble(e.getValue()[1]));
                s.setInt(Tags.ReferencedBeamNumber, VR.IS, e.getKey());
            }
            return ds;
        }
    }
}
