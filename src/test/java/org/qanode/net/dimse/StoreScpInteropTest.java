package org.qanode.net.dimse;

import org.qanode.dicom.Tags;
import org.qanode.ingest.DirectorySink;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qanode.dicom.Tag;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.testing.DatasetAssert;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.Samples;

/**
 * Real dcmtk peers (echoscu, storescu) against our storage SCP over loopback: every sample
 * arrives, in every transfer syntax storescu can propose and with small and large PDUs, and
 * is identical element by element to what was sent.
 */
class StoreScpInteropTest {
    @TempDir
    Path dir;

    private StoreScp scp;

    @BeforeEach
    void tools() {
        ExternalTools.requireExecutable("dcmconv", "dcmtk");
        ExternalTools.requireExecutable("storescu", "dcmtk");
        ExternalTools.requireExecutable("echoscu", "dcmtk");
    }

    @AfterEach
    void stop() {
        if (scp != null) {
            scp.close();
        }
    }

    private void start(StoreScpConfig config) throws InterruptedException {
        scp = StoreScp.start(config, new DirectorySink(dir, "QANODE"));
    }

    private static StoreScpConfig config() {
        return StoreScpConfig.of("QANODE", 0).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /**
     * Samples storescu can send: a standard Storage SOP class (pydicom's fragments have none,
     * and storescu refuses the private and 2.25 classes; qanode send covers those).
     */
    private static List<Path> sendable() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : Samples.readable()) {
            DicomFile f = DicomReader.readFile(p);
            if (org.qanode.dicom.UID.isStorageSopClass(f.dataset().getString(Tags.SOPClassUID))
                    && f.dataset().getString(Tags.SOPInstanceUID) != null) {
                files.add(p);
            }
        }
        return files;
    }

    @Test
    void echoscuGetsSuccess() throws Exception {
        start(config());
        Dcmtk.Result r = Dcmtk.run("echoscu", "-aec", "QANODE", "127.0.0.1", Integer.toString(scp.port()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @ParameterizedTest(name = "storescu {0}, our max PDU {1}")
    @CsvSource({"-xe, 16384", "-xi, 4096", "-xd, 131072", "-xb, 16384", "-xe, 0"})
    void storescuSendsEverySampleIdentically(String syntaxOption, long maxPdu) throws Exception {
        start(config().withMaxPduLength(maxPdu));
        List<Path> files = sendable();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-R", syntaxOption, "-aec", "QANODE", "127.0.0.1",
                Integer.toString(scp.port())));
        // Varian's private plan class is not in dcmtk's list; -R proposes what the files need.
        files.forEach(f -> cmd.add(f.toString()));
        Dcmtk.Result r = Dcmtk.run(cmd);
        List<Path> received = listReceived();
        List<String> expectedUids = new ArrayList<>();
        for (Path f : files) {
            DicomFile original = DicomReader.readFile(f);
            String uid = original.dataset().getString(Tags.SOPInstanceUID);
            expectedUids.add(uid);
            Path got = dir.resolve(uid + ".dcm");
            assertThat(got).as("received " + f + "\n" + r.stderr()).exists();
            if (duplicatesInCorpus(uid)) {
                continue; // several samples share this UID; the last one sent wins
            }
            DicomFile back = DicomReader.readFile(got);
            DicomFile sent = asDcmtkSendsIt(f, back.transferSyntax().uid());
            DatasetAssert.assertSameContent(back.dataset(), sent.dataset(), f + " via " + syntaxOption);
        }
        assertThat(received).hasSize((int) expectedUids.stream().distinct().count());
        assertThat(dir.resolve(".incoming")).doesNotExist();
    }

    /**
     * What storescu puts on the wire for {@code file} in {@code ts}: where it must convert, dcmtk
     * re-encodes with its own dictionaries (private VRs, empty padded values, no trailing
     * padding), so the reference is dcmtk's own conversion of the file (dcmconv, same code),
     * against which the received data set must be identical.
     */
    private DicomFile asDcmtkSendsIt(Path file, String ts) throws IOException {
        String option = switch (ts) {
            case "1.2.840.10008.1.2" -> "+ti";
            case "1.2.840.10008.1.2.1" -> "+te";
            case "1.2.840.10008.1.2.2" -> "+tb";
            case "1.2.840.10008.1.2.1.99" -> "+td";
            default -> throw new IllegalArgumentException("unexpected transfer syntax " + ts);
        };
        Path converted = Files.createTempFile(dir.getParent(), "dcmconv-", ".dcm");
        try {
            Dcmtk.Result r = Dcmtk.run("dcmconv", option, file.toString(), converted.toString());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            DicomFile f = DicomReader.readFile(converted);
            // storescu drops Data Set Trailing Padding (PS3.10 7.2: it carries no meaning)
            f.dataset().remove(0xFFFCFFFC);
            return f;
        } finally {
            Files.deleteIfExists(converted);
        }
    }

    private static boolean duplicatesInCorpus(String uid) throws IOException {
        int n = 0;
        for (Path p : Samples.readable()) {
            if (uid.equals(DicomReader.readFile(p).dataset().getString(Tags.SOPInstanceUID))) {
                n++;
            }
        }
        return n > 1;
    }

    private List<Path> listReceived() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    @Test
    void unknownCallingAeTitleIsRejectedWithItsReason() throws Exception {
        start(config().withAllowedCallingAeTitles(List.of(CallingAe.any("ARIA"))));
        Dcmtk.Result r = Dcmtk.run("echoscu", "-aet", "BADGUY", "-aec", "QANODE", "127.0.0.1",
                Integer.toString(scp.port()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Calling AE Title Not Recognized");
        Dcmtk.Result ok = Dcmtk.run("echoscu", "-aet", "ARIA", "-aec", "QANODE", "127.0.0.1",
                Integer.toString(scp.port()));
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    }

    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        start(config());
        Dcmtk.Result r = Dcmtk.run("echoscu", "-aec", "SOMEONE", "127.0.0.1", Integer.toString(scp.port()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Called AE Title Not Recognized");
    }

    /** dcmtk's dcmcrle makes an RLE Lossless copy of a CT slice: storescu proposes RLE, we keep it. */
    @Test
    void compressedTransferSyntaxIsStoredAsReceived() throws Exception {
        ExternalTools.requireExecutable("dcmcrle", "dcmtk");
        start(config());
        Path rle = dir.resolve("rle-source.bin");
        Dcmtk.Result enc = Dcmtk.run("dcmcrle", Samples.get("ct/dicompyler_ct0.dcm").toString(), rle.toString());
        assertThat(enc.exitCode()).as(enc.stderr()).isZero();
        Dcmtk.Result r = Dcmtk.run("storescu", "-R", "-xr", "-aec", "QANODE", "127.0.0.1",
                Integer.toString(scp.port()), rle.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        DicomFile original = DicomReader.readFile(rle);
        DicomFile back = DicomReader.readFile(listReceived().get(0));
        assertThat(back.transferSyntax().uid()).isEqualTo(original.transferSyntax().uid());
        assertThat(back.transferSyntax().encapsulated()).isTrue();
        DatasetAssert.assertSameContent(back.dataset(), original.dataset(), rle.toString());
        assertThat(back.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.5");
    }
}
