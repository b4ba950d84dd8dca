package org.qanode.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;

/**
 * The synthetic objects of the {@link IngestWarmUp}: what an oncology information system sends
 * most (RT Beams Treatment Records, VMAT RT Plans) and an RT Dose larger than the store's direct
 * write threshold, each encoded once in Explicit VR Little Endian as a template. Object {@code n}
 * is its template with the SOP Instance UID replaced in place by one of the same length, so that
 * every object is new to the store (a re-sent UID would take the store's "already have it" path,
 * not the ingest path) and making one costs a copy, not an encoding.
 *
 * <p>No patient: the Patient ID is {@value #PATIENT_ID}; UIDs are 2.25 UIDs (PS3.5 B.2) from a
 * random number drawn per warm-up.
 */
final class WarmUpObjects {
    static final String PATIENT_ID = "QANODE-WARM-UP";
    /** A plan of this many arcs, control points per arc and MLC leaf pairs: about 170 KB, a VMAT plan's size. */
    private static final int ARCS = 2;
    private static final int CONTROL_POINTS = 90;
    private static final int LEAF_PAIRS = 60;
    /** Above the store's 1 MiB direct-write threshold (StateStore, DirectOutput). */
    private static final int DOSE_FRAMES = 40;
    private static final int DOSE_ROWS = 128;
    private static final int DOSE_COLUMNS = 128;

    /** What the warm-up sends: its class, and its data set with a replaceable SOP Instance UID. */
    enum Kind {
        RECORD(UIDs.RTBeamsTreatmentRecordStorage), PLAN(UIDs.RTPlanStorage), DOSE(UIDs.RTDoseStorage);

        final String sopClassUid;

        Kind(String sopClassUid) {
            this.sopClassUid = sopClassUid;
        }
    }

    /** One object to send. */
    record Encoded(Kind kind, String sopInstanceUid, byte[] dataSet) {
    }

    /** "2.25." then 38 digits: below 2^128 as PS3.5 B.2 requires, and the same length for every n. */
    private final String uidPrefix;
    private final byte[][] templates = new byte[Kind.values().length][];
    private final int[] uidOffsets = new int[Kind.values().length];
    private final String templateUid;

    WarmUpObjects() {
        StringBuilder digits = new StringBuilder("2.25.1");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 27; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        uidPrefix = digits.toString();
        templateUid = uid(0);
        String study = uidPrefix + "0000000001";
        Dataset plan = plan(study);
        for (Kind k : Kind.values()) {
            Dataset ds = switch (k) {
                case PLAN -> plan;
                case RECORD -> record(study, plan);
                case DOSE -> dose(study);
            };
            ds.setString(Tags.SOPInstanceUID, VR.UI, templateUid);
            byte[] bytes = encode(ds);
            templates[k.ordinal()] = bytes;
            uidOffsets[k.ordinal()] = find(bytes, templateUid.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** UID number {@code n} (1 and up; 0 is the templates'). */
    String uid(long n) {
        return uidPrefix + String.format("%010d", n);
    }

    /** Object {@code n} (1 and up) of kind {@code kind}. */
    Encoded object(Kind kind, long n) {
        String uid = uid(n);
        byte[] bytes = templates[kind.ordinal()].clone();
        byte[] value = uid.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, bytes, uidOffsets[kind.ordinal()], value.length);
        return new Encoded(kind, uid, bytes);
    }

    /** The size of an object of {@code kind}, in bytes. */
    int size(Kind kind) {
        return templates[kind.ordinal()].length;
    }

    private static int find(byte[] haystack, byte[] needle) {
        int found = -1;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("the template UID occurs twice in a warm-up template");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("the template UID is missing from a warm-up template");
        }
        return found;
    }

    private static byte[] encode(Dataset ds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            DicomWriter.writeDataset(out, ds, TransferSyntax.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Dataset header(String study, String sopClass, String modality, String series) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.InstanceCreationDate, VR.DA, "20260101");
        ds.setString(Tags.InstanceCreationTime, VR.TM, "090000");
        ds.setString(Tags.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tags.StudyDate, VR.DA, "20260101");
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setString(Tags.Manufacturer, VR.LO, "qanode warm-up");
        ds.setString(Tags.PatientName, VR.PN, "Warm-up^qanode");
        ds.setString(Tags.PatientID, VR.LO, PATIENT_ID);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19600101");
        ds.setString(Tags.PatientSex, VR.CS, "O");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, uidPrefix + series);
        return ds;
    }

    private Dataset plan(String study) {
        Random rnd = new Random(16);
        Dataset ds = header(study, UIDs.RTPlanStorage, "RTPLAN", "0000000002");
        ds.setString(Tags.RTPlanLabel, VR.SH, "VMAT");
        ds.setString(Tags.RTPlanDate, VR.DA, "20260101");
        ds.setString(Tags.RTPlanTime, VR.TM, "090000");
        ds.setString(Tags.RTPlanGeometry, VR.CS, "PATIENT");
        ds.setString(Tags.ApprovalStatus, VR.CS, "APPROVED");
        Dataset f = ds.newSequence(Tags.FractionGroupSequence, 1).addItem();
        f.setInt(Tags.FractionGroupNumber, VR.IS, 1);
        f.setInt(Tags.NumberOfFractionsPlanned, VR.IS, 28);
        f.setInt(Tags.NumberOfBeams, VR.IS, ARCS);
        f.setInt(Tags.NumberOfBrachyApplicationSetups, VR.IS, 0);
        Sequence refBeams = f.newSequence(Tags.ReferencedBeamSequence, ARCS);
        Sequence beams = ds.newSequence(Tags.BeamSequence, ARCS);
        for (int b = 1; b <= ARCS; b++) {
            Dataset rb = refBeams.addItem();
            rb.setDouble(Tags.BeamDose, VR.DS, 1.25);
            rb.setDouble(Tags.BeamMeterset, VR.DS, 250.5 + b);
            rb.setInt(Tags.ReferencedBeamNumber, VR.IS, b);
            beams.addCopyOf(arc(b, rnd));
        }
        Dataset ps = ds.newSequence(Tags.PatientSetupSequence, 1).addItem();
        ps.setString(Tags.PatientPosition, VR.CS, "HFS");
        ps.setInt(Tags.PatientSetupNumber, VR.IS, 1);
        return ds;
    }

    private static Dataset arc(int number, Random rnd) {
        Dataset b = new Dataset();
        b.setString(Tags.TreatmentMachineName, VR.SH, "WARMUP1");
        b.setString(Tags.PrimaryDosimeterUnit, VR.CS, "MU");
        b.setDouble(Tags.SourceAxisDistance, VR.DS, 1000);
        Dataset mlc = b.newSequence(Tags.BeamLimitingDeviceSequence, 1).addItem();
        mlc.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "MLCX");
        mlc.setInt(Tags.NumberOfLeafJawPairs, VR.IS, LEAF_PAIRS);
        double[] bounds = new double[LEAF_PAIRS + 1];
        for (int i = 0; i <= LEAF_PAIRS; i++) {
            bounds[i] = -200 + i * (400.0 / LEAF_PAIRS);
        }
        mlc.setDouble(Tags.LeafPositionBoundaries, VR.DS, bounds);
        b.setInt(Tags.BeamNumber, VR.IS, number);
        b.setString(Tags.BeamName, VR.LO, "ARC" + number);
        b.setString(Tags.BeamType, VR.CS, "DYNAMIC");
        b.setString(Tags.RadiationType, VR.CS, "PHOTON");
        b.setString(Tags.TreatmentDeliveryType, VR.CS, "TREATMENT");
        b.setDouble(Tags.FinalCumulativeMetersetWeight, VR.DS, 1);
        b.setInt(Tags.NumberOfControlPoints, VR.IS, CONTROL_POINTS);
        Sequence cps = b.newSequence(Tags.ControlPointSequence, CONTROL_POINTS);
        for (int i = 0; i < CONTROL_POINTS; i++) {
            Dataset cp = cps.addItem();
            cp.setInt(Tags.ControlPointIndex, VR.IS, i);
            if (i == 0) {
                cp.setDouble(Tags.NominalBeamEnergy, VR.DS, 6);
                cp.setDouble(Tags.DoseRateSet, VR.DS, 600);
            }
            Dataset m = cp.newSequence(Tags.BeamLimitingDevicePositionSequence, 1).addItem();
            m.setString(Tags.RTBeamLimitingDeviceType, VR.CS, "MLCX");
            double[] leaves = new double[2 * LEAF_PAIRS];
            for (int l = 0; l < LEAF_PAIRS; l++) {
                double centre = Math.round(rnd.nextGaussian() * 1000) / 100.0;
                double half = Math.round(500 + rnd.nextDouble() * 3000) / 100.0;
                leaves[l] = centre - half;
                leaves[LEAF_PAIRS + l] = centre + half;
            }
            m.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
            cp.setDouble(Tags.GantryAngle, VR.DS, (181.0 + i * 358.0 / (CONTROL_POINTS - 1)) % 360);
            cp.setDouble(Tags.CumulativeMetersetWeight, VR.DS, Math.round(1e6 * i / (CONTROL_POINTS - 1)) / 1e6);
        }
        return b;
    }

    private Dataset record(String study, Dataset plan) {
        Dataset ds = header(study, UIDs.RTBeamsTreatmentRecordStorage, "RTRECORD", "0000000003");
        ds.setString(Tags.TreatmentDate, VR.DA, "20260102");
        ds.setString(Tags.TreatmentTime, VR.TM, "081500");
        Dataset r = ds.newSequence(Tags.ReferencedRTPlanSequence, 1).addItem();
        r.setString(Tags.ReferencedSOPClassUID, VR.UI, UIDs.RTPlanStorage);
        r.setString(Tags.ReferencedSOPInstanceUID, VR.UI, uidPrefix + "0000000004");
        Dataset m = ds.newSequence(Tags.TreatmentMachineSequence, 1).addItem();
        m.setString(Tags.TreatmentMachineName, VR.SH, "WARMUP1");
        Sequence session = ds.newSequence(Tags.TreatmentSessionBeamSequence, ARCS);
        Sequence beams = plan.getSequence(Tags.BeamSequence);
        for (int b = 0; b < ARCS; b++) {
            Dataset s = session.addItem();
            s.setString(Tags.BeamName, VR.LO, beams.get(b).getText(Tags.BeamName));
            s.setString(Tags.BeamType, VR.CS, "DYNAMIC");
            s.setInt(Tags.CurrentFractionNumber, VR.IS, 1);
            s.setString(Tags.TreatmentTerminationStatus, VR.CS, "NORMAL");
            s.setDouble(Tags.SpecifiedPrimaryMeterset, VR.DS, 251.5 + b);
            s.setDouble(Tags.DeliveredPrimaryMeterset, VR.DS, 251.498 + b);
            s.setInt(Tags.ReferencedBeamNumber, VR.IS, b + 1);
            Sequence planned = beams.get(b).getSequence(Tags.ControlPointSequence);
            Sequence cpd = s.newSequence(Tags.ControlPointDeliverySequence, planned.size());
            for (int k = 0; k < planned.size(); k++) {
                Dataset c = cpd.addItem();
                c.setString(Tags.TreatmentControlPointDate, VR.DA, "20260102");
                c.setString(Tags.TreatmentControlPointTime, VR.TM, "081500");
                c.setDouble(Tags.DeliveredMeterset, VR.DS, Math.round(251.5 * k / (planned.size() - 1) * 1000) / 1000.0);
                c.setDouble(Tags.GantryAngle, VR.DS, planned.get(k).getDouble(Tags.GantryAngle, 0));
                c.setInt(Tags.ReferencedControlPointIndex, VR.IS, k);
            }
        }
        return ds;
    }

    private Dataset dose(String study) {
        Dataset ds = header(study, UIDs.RTDoseStorage, "RTDOSE", "0000000005");
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.NumberOfFrames, VR.IS, DOSE_FRAMES);
        ds.setInt(Tags.Rows, VR.US, DOSE_ROWS);
        ds.setInt(Tags.Columns, VR.US, DOSE_COLUMNS);
        ds.setDouble(Tags.PixelSpacing, VR.DS, 2.5, 2.5);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 16);
        ds.setInt(Tags.HighBit, VR.US, 15);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setString(Tags.DoseUnits, VR.CS, "GY");
        ds.setString(Tags.DoseType, VR.CS, "PHYSICAL");
        ds.setString(Tags.DoseSummationType, VR.CS, "PLAN");
        ds.setDouble(Tags.DoseGridScaling, VR.DS, 1e-4);
        byte[] pixels = new byte[DOSE_FRAMES * DOSE_ROWS * DOSE_COLUMNS * 2];
        new Random(16).nextBytes(pixels);
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        return ds;
    }
}
