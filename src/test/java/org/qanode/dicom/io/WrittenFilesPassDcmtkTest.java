package org.qanode.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.Samples;

/**
 * Files we write are accepted by other toolkits: every sample, written by {@link DicomWriter}
 * in each uncompressed transfer syntax and deflated (encapsulated samples in their own
 * syntax), is read by dcmtk's {@code dcmdump} with exit code 0 and no error or warning the
 * source did not already give, and dicom3tools' {@code dciodvfy} reports no error line the
 * source did not already have (the sets of "Error - " lines are compared; a file whose
 * source passes therefore passes too). dciodvfy reads no deflated data set, so deflated
 * sources and deflated outputs are checked by dcmdump only. In Implicit VR our undefined-length
 * private sequences make dcmdump note CP-246 (it reads them as sequences, as intended); that
 * warning is the one accepted.
 */
class WrittenFilesPassDcmtkTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsTools() {
        assumeTrue(Dcmtk.available("dcmdump"), "dcmdump (dcmtk) not installed");
    }

    static Stream<Path> samples() {
        return Samples.readable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void dcmtkAndDciodvfyAcceptWhatWeWrite(Path source) throws Exception {
        DicomFile original = DicomReader.readFile(source);
        Set<String> sourceDump = messages(Dcmtk.run("dcmdump", "-Un", source.toString()).stderr(), "E: ", "W: ");
        boolean dciodvfy = Dcmtk.available("dciodvfy");
        String sourceVerification = dciodvfy ? dciodvfy(source) : "";
        // dciodvfy cannot read deflated data sets at all ("Dicom dataset read failed"): no baseline then
        dciodvfy &= !sourceVerification.contains("Dicom dataset read failed");
        Set<String> sourceErrors = messages(sourceVerification, "Error - ");
        Stream<TransferSyntax> syntaxes = original.transferSyntax().encapsulated()
                ? Stream.of(original.transferSyntax()) : TransferSyntax.UNCOMPRESSED.stream();
        for (TransferSyntax ts : syntaxes.collect(Collectors.toList())) {
            Path ours = tmp.resolve(source.getFileName() + "." + ts.uid() + ".dcm");
            DicomWriter.writeFile(ours, original.dataset(), ts);
            String what = source.getFileName() + " written in " + ts.uid();

            Dcmtk.Result dump = Dcmtk.run("dcmdump", "-Un", ours.toString());
            assertThat(dump.exitCode()).as(what + ": dcmdump exit code; " + dump.stderr()).isZero();
            Set<String> newDumpMessages = messages(dump.stderr(), "E: ", "W: ");
            newDumpMessages.removeAll(sourceDump);
            // Implicit VR: a private sequence we write with undefined length is, to dcmtk, a UN of
            // undefined length, which it reads as a sequence by CP-246, saying so; nothing is lost
            newDumpMessages.removeIf(m -> m.startsWith("W: Found element") && m.endsWith("(CP-246)")
                    && ts.equals(TransferSyntax.IMPLICIT_LE));
            assertThat(newDumpMessages).as(what + ": new dcmdump messages").isEmpty();

            if (dciodvfy && !ts.deflated()) {
                Set<String> newErrors = messages(dciodvfy(ours), "Error - ");
                newErrors.removeAll(sourceErrors);
                assertThat(newErrors).as(what + ": new dciodvfy errors").isEmpty();
            }
            Files.delete(ours);
        }
    }

    private static String dciodvfy(Path file) {
        Dcmtk.Result r = Dcmtk.run("dciodvfy", file.toString());
        return r.stdout() + "\n" + r.stderr();
    }

    private static Set<String> messages(String output, String... prefixes) {
        return Arrays.stream(output.split("\\R"))
                .map(String::strip)
                .filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
