package org.qanode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UID;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.RtObjects;

/**
 * Small RT objects for bench/soak-bench.sh, in folders of equal size (one folder per
 * association): RT Beams Treatment Records (about 1.8 KB) of one synthetic VMAT plan
 * ({@link RtObjects}), each with a new SOP Instance UID (2.25 UUID form), so no two are
 * duplicates, written in Explicit VR Little Endian.
 *
 * <pre>
 *   SoakCorpus OUT NAME:FOLDERS:PER_FOLDER ...     e.g. main:32:500 burst:320:4 kill:4:250
 * </pre>
 * writes {@code OUT/NAME/NNN/RTnnnnn.dcm}. Building one plan per 20 records
 * ({@link MakeStoreCorpus} records) costs most of the time; this builds one per folder.
 */
public final class SoakCorpus {
    private SoakCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int patient = 0;
        for (int a = 1; a < args.length; a++) {
            String[] spec = args[a].split(":");
            int folders = Integer.parseInt(spec[1]);
            int perFolder = Integer.parseInt(spec[2]);
            for (int f = 1; f <= folders; f++) {
                patient++;
                Path dir = Files.createDirectories(out.resolve(spec[0]).resolve(String.format("%03d", f)));
                Dataset plan = RtObjects.vmatPlan(patient, 1, 2, 10, 60);
                for (int i = 1; i <= perFolder; i++) {
                    Dataset record = RtObjects.beamsRecord(plan, patient, 1, i);
                    record.setString(Tags.SOPInstanceUID, VR.UI, UID.toUuidUid());
                    DicomWriter.writeFile(dir.resolve(String.format("RT%05d.dcm", i)), record, TransferSyntax.EXPLICIT_LE);
                }
            }
            System.out.println(spec[0] + ": " + folders + " x " + perFolder + " objects");
        }
    }
}
