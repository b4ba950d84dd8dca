package org.qanode.testing;

import java.util.Random;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.VR;

/**
 * Synthetic but realistic RT objects for comparator tests and the benchmark: VMAT RT Plans
 * shaped like an Eclipse export (arcs of control points with MLC leaf positions) and RT Beams
 * Treatment Records (PS3.3 A.29) referencing them, since no public record exists (see the
 * corpus SOURCES.md). Deterministic for a given seed.
 */
public final class RtObjects {
    /** The private block a Varian export carries; compared like any other element. */
    public static final int PRIVATE_CREATOR = 0x32530010;
    public static final int PRIVATE_VALUE = 0x32531001;
    private static final String ROOT = "2.25.4711";

    private RtObjects() {
    }

    public static String uid(String kind, long... parts) {
        StringBuilder sb = new StringBuilder(ROOT).append('.').append(kind.hashCode() & 0xFFFF);
        for (long p : parts) {
            sb.append('.').append(p);
        }
        return sb.toString();
    }

    /** A VMAT plan: {@code arcs} arcs of {@code controlPoints} control points, {@code leafPairs} MLC leaf pairs. */
    public static Dataset vmatPlan(int patient, int plan, int arcs, int controlPoints, int leafPairs) {
        Random rnd = new Random(31L * patient + plan);
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.InstanceCreationDate, VR.DA, "20260101");
        ds.setString(Tags.InstanceCreationTime, VR.TM, "101010");
        ds.setString(Tags.SOPClassUID, VR.UI, UIDs.RTPlanStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, planUid(patient, plan));
        ds.setString(Tags.StudyDate, VR.DA, "20260101");
        ds.setString(Tags.Modality, VR.CS, "RTPLAN");
        ds.setString(Tags.Manufacturer, VR.LO, "Varian Medical Systems");
        ds.setString(Tags.PatientName, VR.PN, "PHANTOM^P" + patient);
        ds.setString(Tags.PatientID, VR.LO, patientId(patient));
        ds.setString(Tags.PatientBirthDate, VR.DA, "19600101");
        ds.setString(Tags.PatientSex, VR.CS, "O");
        ds.setString(Tags.StudyInstanceUID, VR.UI, uid("study", patient));
        ds.setString(Tags.SeriesInstanceUID, VR.UI, uid("series", patient, plan));
        ds.setString(Tags.RTPlanLabel, VR.SH, "VMAT" + plan);
        ds.setString(Tags.RTPlanDate, VR.DA, "20260101");
        ds.setString(Tags.RTPlanTime, VR.TM, String.format("%02d%02d00", 8 + plan % 10, patient % 60));
        ds.setString(Tags.RTPlanGeometry, VR.CS, "PATIENT");
        ds.setString(Tags.ApprovalStatus, VR.CS, "APPROVED");
        ds.setString(PRIVATE_CREATOR, VR.LO, "Varian Medical Systems VISION 3253");
        ds.setString(PRIVATE_VALUE, VR.LO, "PlanIntent CURATIVE");

        Sequence tol = ds.newSequence(Tags.ToleranceTableSequence, 1);
        Dataset t = tol.addItem();
        t.setInt(Tags.ToleranceTableNumber, VR.IS, 1);
        t.setString(Tags.ToleranceTableLabel, VR.SH, "T1");
        t.setDouble(Tags.GantryAngleTolerance, VR.DS, 1);

        Sequence fg = ds.newSequence(Tags.FractionGroupSequence, 1);
        Dataset f = fg.addItem();
        f.setInt(Tags.FractionGroupNumber, VR.IS, 1);
        f.setInt(Tags.NumberOfFractionsPlanned, VR.IS, 20 + plan % 10);
        f.setInt(Tags.NumberOfBeams, VR.IS, arcs);
        f.setInt(Tags.NumberOfBrachyApplicationSetups, VR.IS, 0);
        Sequence refBeams = f.newSequence(Tags.ReferencedBeamSequence, arcs);
        for (int b = 1; b <= arcs; b++) {
            Dataset rb = refBeams.addItem();
            rb.setDouble(Tags.BeamMeterset, VR.DS, round(200 + rnd.nextDouble() * 200, 4));
            rb.setInt(Tags.ReferencedBeamNumber, VR.IS, b);
        }

        Sequence beams = ds.newSequence(Tags.BeamSequence, arcs);
        for (int b = 1; b <= arcs; b++) {
            beams.addCopyOf(arc(b, controlPoints, leafPairs, rnd));
        }
        Sequence setup = ds.newSequence(Tags.PatientSetupSequence, 1);
        Dataset ps = setup.addItem();
        ps.setString(Tags.PatientPosition, VR.CS, "HFS");
        ps.setInt(Tags.PatientSetupNumber, VR.IS, 1);
        Sequence rss = ds.newSequence(Tags.ReferencedStructureSetSequence, 1);
        Dataset r = rss.addItem();
        r.setString(Tags.ReferencedSOPClassUID, VR.UI, UIDs.RTStructureSetStorage);
        r.setString(Tags.ReferencedSOPInstanceUID, VR.UI, uid("rtstruct", patient));
        return ds;
    }

    private static Dataset arc(int number, int controlPoints, int leafPairs, Random rnd) {
        Dataset b = new Dataset();
        b.setString(Tags.TreatmentMachineName, VR.SH, "TrueBeam1");
        b.setString(Tags.PrimaryDosimeterUnit, VR.CS, "MU");
        b.setDouble(Tags.SourceAxisDistance, VR.DS, 1000);
        Sequence bld = b.newSequence(Tags.BeamLimitingDeviceSequence, 3);
        for (String type : new String[] {"ASYMX", "ASYMY"}) {
            Dataset d = bld.addItem();
            d.setString(Tags.RTBeamLimitingDeviceType, VR.CS, type);
            d.setInt(Tags.NumberOfLeafJawPairs, VR.IS, 1);
        }
        Dataset mlc = bld.addItem();
        mlc.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "MLCX");
        mlc.setInt(Tags.NumberOfLeafJawPairs, VR.IS, leafPairs);
        double[] bounds = new double[leafPairs + 1];
        for (int i = 0; i <= leafPairs; i++) {
            bounds[i] = -200 + i * (400.0 / leafPairs);
        }
        mlc.setDouble(Tags.LeafPositionBoundaries, VR.DS, bounds);
        b.setInt(Tags.BeamNumber, VR.IS, number);
        b.setString(Tags.BeamName, VR.LO, "ARC" + number);
        b.setString(Tags.BeamType, VR.CS, "DYNAMIC");
        b.setString(Tags.RadiationType, VR.CS, "PHOTON");
        b.setString(Tags.TreatmentDeliveryType, VR.CS, "TREATMENT");
        b.setInt(Tags.NumberOfWedges, VR.IS, 0);
        b.setInt(Tags.NumberOfCompensators, VR.IS, 0);
        b.setInt(Tags.NumberOfBoli, VR.IS, 0);
        b.setInt(Tags.NumberOfBlocks, VR.IS, 0);
        b.setDouble(Tags.FinalCumulativeMetersetWeight, VR.DS, 1);
        b.setInt(Tags.NumberOfControlPoints, VR.IS, controlPoints);
        Sequence cps = b.newSequence(Tags.ControlPointSequence, controlPoints);
        boolean clockwise = number % 2 == 1;
        for (int i = 0; i < controlPoints; i++) {
            Dataset cp = cps.addItem();
            cp.setInt(Tags.ControlPointIndex, VR.IS, i);
            double gantry = clockwise ? 181.0 + i * (358.0 / (controlPoints - 1)) : 179.0 - i * (358.0 / (controlPoints - 1));
            if (i == 0) {
                cp.setDouble(Tags.NominalBeamEnergy, VR.DS, 6);
                cp.setDouble(Tags.DoseRateSet, VR.DS, 600);
            }
            Sequence pos = cp.newSequence(Tags.BeamLimitingDevicePositionSequence, i == 0 ? 3 : 1);
            if (i == 0) {
                Dataset x = pos.addItem();
                x.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "ASYMX");
                x.setDouble(Tags.LeafJawPositions, VR.DS, -50, 50);
                Dataset y = pos.addItem();
                y.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "ASYMY");
                y.setDouble(Tags.LeafJawPositions, VR.DS, -60, 60);
            }
            Dataset m = pos.addItem();
            m.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "MLCX");
            double[] leaves = new double[2 * leafPairs];
            for (int l = 0; l < leafPairs; l++) {
                double centre = round(rnd.nextGaussian() * 10, 2);
                double half = round(5 + rnd.nextDouble() * 30, 2);
                leaves[l] = round(centre - half, 2);
                leaves[leafPairs + l] = round(centre + half, 2);
            }
            m.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
            cp.setDouble(Tags.GantryAngle, VR.DS, round(gantry % 360, 1));
            if (i == 0) {
                cp.setString(Tags.GantryRotationDirection, VR.CS, clockwise ? "CW" : "CC");
                cp.setDouble(Tags.BeamLimitingDeviceAngle, VR.DS, clockwise ? 30 : 330);
                cp.setDouble(Tags.IsocenterPosition, VR.DS, 1.5, -20.25, 3);
            }
            cp.setDouble(Tags.CumulativeMetersetWeight, VR.DS, round((double) i / (controlPoints - 1), 6));
        }
        return b;
    }

    /** An RT Beams Treatment Record of one fraction of {@code plan}: one session item per beam. */
    public static Dataset beamsRecord(Dataset plan, int patient, int planNo, int fraction) {
        Random rnd = new Random(977L * patient + 31L * planNo + fraction);
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.InstanceCreationDate, VR.DA, "20260102");
        ds.setString(Tags.InstanceCreationTime, VR.TM, "120000");
        ds.setString(Tags.SOPClassUID, VR.UI, UIDs.RTBeamsTreatmentRecordStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, uid("record", patient, planNo, fraction));
        ds.setString(Tags.Modality, VR.CS, "RTRECORD");
        ds.setString(Tags.Manufacturer, VR.LO, "Varian Medical Systems");
        ds.setString(Tags.PatientName, VR.PN, plan.getText(Tags.PatientName));
        ds.setString(Tags.PatientID, VR.LO, plan.getText(Tags.PatientID));
        ds.setString(Tags.StudyInstanceUID, VR.UI, plan.getText(Tags.StudyInstanceUID));
        ds.setString(Tags.SeriesInstanceUID, VR.UI, uid("recseries", patient, planNo));
        String date = String.format("202601%02d", 1 + fraction % 28);
        String time = String.format("%02d%02d%02d", 8 + fraction % 9, (patient * 7) % 60, fraction % 60);
        ds.setString(Tags.TreatmentDate, VR.DA, date);
        ds.setString(Tags.TreatmentTime, VR.TM, time);
        Sequence ref = ds.newSequence(Tags.ReferencedRTPlanSequence, 1);
        Dataset r = ref.addItem();
        r.setString(Tags.ReferencedSOPClassUID, VR.UI, UIDs.RTPlanStorage);
        r.setString(Tags.ReferencedSOPInstanceUID, VR.UI, plan.getText(Tags.SOPInstanceUID));
        Sequence machine = ds.newSequence(Tags.TreatmentMachineSequence, 1);
        Dataset m = machine.addItem();
        m.setString(Tags.TreatmentMachineName, VR.SH, "TrueBeam1");
        m.setString(Tags.Manufacturer, VR.LO, "Varian Medical Systems");
        m.setString(Tags.InstitutionName, VR.LO, "QA Clinic");
        Sequence session = ds.newSequence(Tags.TreatmentSessionBeamSequence, 2);
        Dataset fgItem = plan.getSequence(Tags.FractionGroupSequence).get(0);
        Sequence beams = plan.getSequence(Tags.BeamSequence);
        for (int b = 0; b < beams.size(); b++) {
            Dataset beam = beams.get(b);
            double mu = fgItem.getSequence(Tags.ReferencedBeamSequence).get(b).getDouble(Tags.BeamMeterset, 0);
            double delivered = round(mu + (rnd.nextDouble() - 0.5) * 0.2, 3);
            Dataset s = session.addItem();
            s.setString(Tags.BeamName, VR.LO, beam.getText(Tags.BeamName));
            s.setString(Tags.BeamType, VR.CS, beam.getText(Tags.BeamType));
            s.setString(Tags.RadiationType, VR.CS, "PHOTON");
            s.setInt(Tags.NumberOfWedges, VR.IS, 0);
            s.setInt(Tags.NumberOfCompensators, VR.IS, 0);
            s.setInt(Tags.NumberOfBoli, VR.IS, 0);
            s.setInt(Tags.NumberOfBlocks, VR.IS, 0);
            s.setInt(Tags.CurrentFractionNumber, VR.IS, fraction);
            s.setString(Tags.TreatmentDeliveryType, VR.CS, "TREATMENT");
            s.setString(Tags.TreatmentTerminationStatus, VR.CS, "NORMAL");
            s.setString(Tags.TreatmentVerificationStatus, VR.CS, "VERIFIED");
            s.setDouble(Tags.SpecifiedPrimaryMeterset, VR.DS, mu);
            s.setDouble(Tags.DeliveredPrimaryMeterset, VR.DS, delivered);
            s.setInt(Tags.NumberOfControlPoints, VR.IS, 2);
            s.setInt(Tags.ReferencedBeamNumber, VR.IS, beam.getInt(Tags.BeamNumber, 0));
            Sequence cpd = s.newSequence(Tags.ControlPointDeliverySequence, 2);
            Sequence planned = beam.getSequence(Tags.ControlPointSequence);
            for (int k = 0; k < 2; k++) {
                Dataset planCp = planned.get(k == 0 ? 0 : planned.size() - 1);
                Dataset c = cpd.addItem();
                c.setString(Tags.TreatmentControlPointDate, VR.DA, date);
                c.setString(Tags.TreatmentControlPointTime, VR.TM, time);
                c.setDouble(Tags.SpecifiedMeterset, VR.DS, k == 0 ? 0 : mu);
                c.setDouble(Tags.DeliveredMeterset, VR.DS, k == 0 ? 0 : delivered);
                c.setDouble(Tags.DoseRateDelivered, VR.DS, 600);
                c.setDouble(Tags.NominalBeamEnergy, VR.DS, 6);
                c.setDouble(Tags.GantryAngle, VR.DS, planCp.getDouble(Tags.GantryAngle, 0));
                c.setString(Tags.GantryRotationDirection, VR.CS, b % 2 == 0 ? "CW" : "CC");
                c.setInt(Tags.ReferencedControlPointIndex, VR.IS, planCp.getInt(Tags.ControlPointIndex, 0));
            }
        }
        return ds;
    }

    /**
     * A 3D conformal course plan with two fraction groups (PS3.3 C.8.8.13): group 1, 25 fractions,
     * beams 1 and 2 (MLC, 100 and 120 MU, 1 Gy each) and beam 3, a SETUP field without meterset;
     * group 2, a 5-fraction boost, beam 4 shaped by jaws only (no MLC, 150 MU, 2 Gy).
     */
    public static Dataset multiGroupPlan(int patient) {
        Dataset ds = vmatPlan(patient, 7, 1, 2, 4);
        ds.setString(Tags.RTPlanLabel, VR.SH, "3D+BOOST");
        Sequence fg = ds.newSequence(Tags.FractionGroupSequence, 2);
        fractionGroup(fg.addItem(), 1, 25, new int[] {1, 2, 3}, new double[] {100, 120, 0}, new double[] {1, 1, 0});
        fractionGroup(fg.addItem(), 2, 5, new int[] {4}, new double[] {150}, new double[] {2});
        Sequence beams = ds.newSequence(Tags.BeamSequence, 4);
        beams.addCopyOf(staticBeam(1, "AP", true, "TREATMENT", 0));
        beams.addCopyOf(staticBeam(2, "PA", true, "TREATMENT", 180));
        beams.addCopyOf(staticBeam(3, "SETUP kV", false, "SETUP", 0));
        beams.addCopyOf(staticBeam(4, "BOOST LAT", false, "TREATMENT", 90));
        return ds;
    }

    private static void fractionGroup(Dataset f, int number, int fractions, int[] beams, double[] mu, double[] dose) {
        f.setInt(Tags.FractionGroupNumber, VR.IS, number);
        f.setInt(Tags.NumberOfFractionsPlanned, VR.IS, fractions);
        f.setInt(Tags.NumberOfBeams, VR.IS, beams.length);
        f.setInt(Tags.NumberOfBrachyApplicationSetups, VR.IS, 0);
        Sequence refs = f.newSequence(Tags.ReferencedBeamSequence, beams.length);
        for (int i = 0; i < beams.length; i++) {
            Dataset r = refs.addItem();
            if (mu[i] > 0) {
                r.setDouble(Tags.BeamDose, VR.DS, dose[i]);
                r.setDouble(Tags.BeamMeterset, VR.DS, mu[i]);
            }
            r.setInt(Tags.ReferencedBeamNumber, VR.IS, beams[i]);
        }
    }

    /** A static field of two control points; with {@code mlc} an MLCX of 4 leaf pairs, else jaws only. */
    public static Dataset staticBeam(int number, String name, boolean mlc, String deliveryType, double gantry) {
        Dataset b = new Dataset();
        b.setString(Tags.TreatmentMachineName, VR.SH, "TrueBeam1");
        b.setString(Tags.PrimaryDosimeterUnit, VR.CS, "MU");
        b.setDouble(Tags.SourceAxisDistance, VR.DS, 1000);
        Sequence bld = b.newSequence(Tags.BeamLimitingDeviceSequence, 3);
        for (String type : mlc ? new String[] {"ASYMX", "ASYMY", "MLCX"} : new String[] {"ASYMX", "ASYMY"}) {
            Dataset d = bld.addItem();
            d.setString(Tags.RTBeamLimitingDeviceType, VR.CS, type);
            d.setInt(Tags.NumberOfLeafJawPairs, VR.IS, type.equals("MLCX") ? 4 : 1);
            if (type.equals("MLCX")) {
                d.setDouble(Tags.LeafPositionBoundaries, VR.DS, -20, -10, 0, 10, 20);
            }
        }
        b.setInt(Tags.BeamNumber, VR.IS, number);
        b.setString(Tags.BeamName, VR.LO, name);
        b.setString(Tags.BeamType, VR.CS, "STATIC");
        b.setString(Tags.RadiationType, VR.CS, "PHOTON");
        b.setString(Tags.TreatmentDeliveryType, VR.CS, deliveryType);
        b.setInt(Tags.NumberOfWedges, VR.IS, 0);
        b.setInt(Tags.NumberOfCompensators, VR.IS, 0);
        b.setInt(Tags.NumberOfBoli, VR.IS, 0);
        b.setInt(Tags.NumberOfBlocks, VR.IS, 0);
        b.setDouble(Tags.FinalCumulativeMetersetWeight, VR.DS, 1);
        b.setInt(Tags.NumberOfControlPoints, VR.IS, 2);
        b.setInt(Tags.ReferencedPatientSetupNumber, VR.IS, 1);
        Sequence cps = b.newSequence(Tags.ControlPointSequence, 2);
        for (int i = 0; i < 2; i++) {
            Dataset cp = cps.addItem();
            cp.setInt(Tags.ControlPointIndex, VR.IS, i);
            if (i == 0) {
                cp.setDouble(Tags.NominalBeamEnergy, VR.DS, deliveryType.equals("SETUP") ? 0.1 : 6);
                Sequence pos = cp.newSequence(Tags.BeamLimitingDevicePositionSequence, 3);
                Dataset x = pos.addItem();
                x.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "ASYMX");
                x.setDouble(Tags.LeafJawPositions, VR.DS, -40, 45);
                Dataset y = pos.addItem();
                y.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "ASYMY");
                y.setDouble(Tags.LeafJawPositions, VR.DS, -50, 55);
                if (mlc) {
                    Dataset m = pos.addItem();
                    m.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "MLCX");
                    m.setDouble(Tags.LeafJawPositions, VR.DS, -30, -35, -35, -30, 30, 35, 35, 30);
                }
                cp.setDouble(Tags.GantryAngle, VR.DS, gantry);
                cp.setString(Tags.GantryRotationDirection, VR.CS, "NONE");
                cp.setDouble(Tags.BeamLimitingDeviceAngle, VR.DS, 0);
                cp.setDouble(Tags.PatientSupportAngle, VR.DS, 0);
                cp.setDouble(Tags.SourceToSurfaceDistance, VR.DS, 900);
                cp.setDouble(Tags.IsocenterPosition, VR.DS, 0, 10, -5);
            }
            cp.setDouble(Tags.CumulativeMetersetWeight, VR.DS, i);
        }
        return b;
    }

    /** One beam's session in a record: what the RT Beams Session Record (C.8.8.21) states for it. */
    public record Session(int beam, int fraction, String termination, double specified, double delivered) {
    }

    /**
     * An RT Beams Treatment Record of {@code plan} with the given sessions, dated {@code date};
     * {@code fractionGroup} goes into Referenced Fraction Group Number (300C,0022).
     */
    public static Dataset sessionRecord(Dataset plan, String uidSuffix, String date, int fractionGroup, Session... sessions) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, UIDs.RTBeamsTreatmentRecordStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, plan.getString(Tags.SOPInstanceUID) + ".9." + uidSuffix);
        ds.setString(Tags.Modality, VR.CS, "RTRECORD");
        ds.setString(Tags.PatientName, VR.PN, plan.getText(Tags.PatientName));
        ds.setString(Tags.PatientID, VR.LO, plan.getText(Tags.PatientID));
        ds.setString(Tags.StudyInstanceUID, VR.UI, plan.getText(Tags.StudyInstanceUID));
        ds.setString(Tags.TreatmentDate, VR.DA, date);
        ds.setString(Tags.TreatmentTime, VR.TM, "081500");
        Sequence ref = ds.newSequence(Tags.ReferencedRTPlanSequence, 1);
        Dataset r = ref.addItem();
        r.setString(Tags.ReferencedSOPClassUID, VR.UI, UIDs.RTPlanStorage);
        r.setString(Tags.ReferencedSOPInstanceUID, VR.UI, plan.getText(Tags.SOPInstanceUID));
        ds.setInt(Tags.ReferencedFractionGroupNumber, VR.IS, fractionGroup);
        Sequence seq = ds.newSequence(Tags.TreatmentSessionBeamSequence, sessions.length);
        for (Session x : sessions) {
            Dataset s = seq.addItem();
            s.setString(Tags.BeamName, VR.LO, "B" + x.beam());
            s.setInt(Tags.CurrentFractionNumber, VR.IS, x.fraction());
            s.setString(Tags.TreatmentTerminationStatus, VR.CS, x.termination());
            s.setDouble(Tags.SpecifiedPrimaryMeterset, VR.DS, x.specified());
            s.setDouble(Tags.DeliveredPrimaryMeterset, VR.DS, x.delivered());
            s.setInt(Tags.ReferencedBeamNumber, VR.IS, x.beam());
        }
        return ds;
    }

    public static String planUid(int patient, int plan) {
        return uid("rtplan", patient, plan);
    }

    public static String patientId(int patient) {
        return String.format("QA%06d", patient);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
