package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.store.StateStore;
import org.qanode.testing.DcmQrScpPeer;
import org.qanode.testing.FreePorts;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/** {@code qanode export} end to end against dcmqrscp, configured through conf/qanode.yml keys. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsThePatientsOfTheCsvAndReportsItsBadLines() throws Exception {
        int ourPort = FreePorts.next();
        StateGenerator.Spec spec = new StateGenerator.Spec(2, 1, 1, 4, 10, 2);
        List<Path> files = new ArrayList<>();
        TreeSet<String> uids = new TreeSet<>();
        for (int p = 1; p <= 2; p++) {
            for (Dataset ds : StateGenerator.patientObjects(spec, p)) {
                Path f = dir.resolve("gen").resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm");
                StateGenerator.write(f, ds, TransferSyntax.EXPLICIT_LE);
                files.add(f);
                uids.add(ds.getString(Tags.SOPInstanceUID));
            }
        }
        try (DcmQrScpPeer qr = DcmQrScpPeer.start(dir.resolve("qr"), "QRSCP",
                List.of("QANODE 127.0.0.1 " + ourPort))) {
            qr.load(files);
            Path conf = dir.resolve("qanode.yml");
            Files.writeString(conf, String.join("\n",
                    "dicom: {aeTitle: QANODE, bind: 127.0.0.1, port: " + ourPort + ", allowedCallingAeTitles: [ECHO]}",
                    "storage: {dataDir: " + dir.resolve("var") + "}",
                    "rois:",
                    "  QR: {aeTitle: QRSCP, host: 127.0.0.1, port: " + qr.port() + ", model: STUDY, level: SERIES,"
                            + " storeAeTitles: [QRSCP]}",
                    ""));
            Path csv = dir.resolve("patients.csv");
            Files.writeString(csv, "Patient ID,Name\n" + RtObjects.patientId(1) + ",A\n,nobody\n"
                    + RtObjects.patientId(2) + ",B\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.commandLine().execute("export", "--config", conf.toString(), "--from", "QR", "--state",
                        "pre", "--patients", csv.toString());
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isZero();
            assertThat(text).contains("DONE: 6 of 6 instance(s) in state pre", "line 3: empty patient ID");
            try (StateStore store = StateStore.open(dir.resolve("var"), StateStore.defaultIndexUrl(dir.resolve("var")))) {
                TreeSet<String> got = new TreeSet<>();
                store.currentInstances("pre").forEach(r -> got.add(r.sopInstanceUid()));
                assertThat(got).isEqualTo(uids);
            }
        }
    }
}
