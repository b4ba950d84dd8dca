package org.qanode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;

/**
 * Writes pairs of states for comparator tests and the benchmark: a baseline export and a
 * candidate that is a benign re-export of the same objects (what an upgraded ROIS does
 * without changing anything clinical), into which tests then seed real changes.
 *
 * <p>Benign variations of the candidate: new InstanceCreationDate/Time, another transfer
 * syntax (rotating through all four uncompressed ones), DS written '1.0' where the baseline
 * has '1', trailing spaces, the Specific Character Set changed to ISO_IR 192 with the same
 * text, BeamSequence items in reverse order, other file names in per-patient folders.
 */
public final class StateGenerator {
    private StateGenerator() {
    }

    /** Size of a state: per patient {@code plans} plans, per plan {@code recordsPerPlan} fraction records. */
    public record Spec(int patients, int plans, int arcs, int controlPoints, int leafPairs, int recordsPerPlan) {
        public int objects() {
            return patients * plans * (1 + recordsPerPlan);
        }
    }

    /** The objects of one patient, plans first. */
    public static List<Dataset> patientObjects(Spec spec, int patient) {
        java.util.ArrayList<Dataset> out = new java.util.ArrayList<>();
        for (int p = 1; p <= spec.plans(); p++) {
            Dataset plan = RtObjects.vmatPlan(patient, p, spec.arcs(), spec.controlPoints(), spec.leafPairs());
            out.add(plan);
            for (int f = 1; f <= spec.recordsPerPlan(); f++) {
                out.add(RtObjects.beamsRecord(plan, patient, p, f));
            }
        }
        return out;
    }

    /** Writes the baseline state: flat folder, Implicit VR Little Endian, files named by UID. */
    public static void writeBaseline(Path dir, Spec spec) {
        forEachPatient(spec, patient -> {
            for (Dataset ds : patientObjects(spec, patient)) {
                write(dir.resolve("RP." + ds.getString(Tags.SOPInstanceUID) + ".dcm"), ds, TransferSyntax.IMPLICIT_LE);
            }
        });
    }

    /** Writes the benign re-export of the baseline: must compare with zero differences. */
    public static void writeCandidate(Path dir, Spec spec) {
        forEachPatient(spec, patient -> {
            int n = 0;
            for (Dataset ds : patientObjects(spec, patient)) {
                n++;
                write(candidatePath(dir, ds, n), benignReexport(ds), syntax(patient + n));
            }
        });
    }

    public static Path candidatePath(Path dir, Dataset ds, int n) {
        return dir.resolve(ds.getString(Tags.PatientID)).resolve("export_" + n + ".DCM");
    }

    public static TransferSyntax syntax(int i) {
        return TransferSyntax.UNCOMPRESSED.get(Math.floorMod(i, TransferSyntax.UNCOMPRESSED.size()));
    }

    /** A copy with the benign export-to-export differences of the class comment. */
    public static Dataset benignReexport(Dataset original) {
        Dataset ds = new Dataset();
        ds.addAll(original);
        ds.setString(Tags.InstanceCreationDate, VR.DA, "20261123");
        ds.setString(Tags.InstanceCreationTime, VR.TM, "231500.123");
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        // same text, now UTF-8 encoded; PN decoded with the old set then re-encoded with the new
        ds.setString(Tags.PatientName, VR.PN, original.getText(Tags.PatientName));
        ds.setBytes(Tags.Manufacturer, VR.LO, "Varian Medical Systems  ".getBytes(StandardCharsets.US_ASCII));
        Sequence beams = original.getSequence(Tags.BeamSequence);
        if (beams != null) {
            Sequence reversed = ds.newSequence(Tags.BeamSequence, beams.size());
            for (int i = beams.size() - 1; i >= 0; i--) {
                Dataset beam = reversed.addCopyOf(beams.get(i));
                beam.setString(Tags.FinalCumulativeMetersetWeight, VR.DS, "1.0");
                beam.setString(Tags.SourceAxisDistance, VR.DS, "1000.00");
            }
        }
        return ds;
    }

    public static void write(Path file, Dataset ds, TransferSyntax ts) {
        try {
            Files.createDirectories(file.getParent());
            DicomWriter.writeFile(file, ds, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Patients in parallel: generation dominates the benchmark set-up otherwise. */
    private static void forEachPatient(Spec spec, java.util.function.IntConsumer body) {
        IntStream.rangeClosed(1, spec.patients()).parallel().forEach(body);
    }
}
