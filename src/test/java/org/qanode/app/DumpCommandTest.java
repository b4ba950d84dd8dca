package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.qanode.testing.Samples;

/** {@code qanode dump}, run in-process through picocli with captured output. */
class DumpCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run qanode(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dumpsOneFileWithNestingAndKeywords() {
        Run r = qanode("dump", Samples.get("rtplan/pydicom_rtplan_3d_static.dcm").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("# File Meta Information")
                .contains("# Data Set: 1.2.840.10008.1.2 (Implicit VR Little Endian)")
                .containsPattern("\\(0008,0016\\) UI \\[1\\.2\\.840\\.10008\\.5\\.1\\.4\\.1\\.1\\.481\\.5\\] +#   30, SOPClassUID")
                .containsPattern("\\n\\(300A,00B0\\) SQ \\(Sequence, 1 item\\) +#  u/l, BeamSequence\\n")
                .contains("\n  (FFFE,E000) na (Item #1)")
                .containsPattern("\\n    \\(300A,00C0\\) IS \\[1\\] +#    2, BeamNumber\\n")
                // third level: ControlPointSequence items inside a beam
                .containsPattern("\\n        \\(300A,0112\\) IS \\[0\\] +#    2, ControlPointIndex\\n");
    }

    @Test
    void jsonPrintsDicomJsonThatReadsBackToTheSameValues() throws Exception {
        Path file = Samples.get("rtplan/pydicom_rtplan_3d_static.dcm");
        Run r = qanode("dump", "--json", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"300A00B0\"").contains("\"vr\" : \"SQ\"");
        org.qanode.dicom.Dataset back = org.qanode.dicom.json.DicomJsonReader.fromJson(r.out());
        org.qanode.testing.DatasetAssert.assertSameValues(back,
                org.qanode.dicom.io.DicomReader.readFile(file).dataset(), "dump --json");
    }

    @Test
    void binaryValuesAreNumbers() {
        Run r = qanode("dump", Samples.get("other/pydicom_rtdose_explicit_big_endian.dcm").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("\\(0028,0010\\) US 10 +#    2, Rows")
                .containsPattern("\\(0028,0009\\) AT \\(3004,000C\\) +#    4, FrameIncrementPointer")
                // big-endian Pixel Data, left in the file, shown in value order as dcmdump shows it
                .contains("(7FE0,0010) OW 0013\\0ee8\\0013\\0ee8");
    }

    @Test
    void maxValueLengthShortensAndZeroPrintsAll() {
        String file = Samples.get("ct/dicompyler_ct0.dcm").toString();
        String shortLine = line(qanode("dump", file).out(), "(7FE0,0010)");
        assertThat(shortLine).contains("...");
        String longLine = line(qanode("dump", "--max-value-length", "0", file).out(), "(7FE0,0010)");
        assertThat(longLine).doesNotContain("...").hasSizeGreaterThan(512 * 512 * 5 - 1);
        String eight = line(qanode("dump", "--max-value-length", "8", file).out(), "(0008,0016)");
        assertThat(eight).contains("[1.2.840....]");
    }

    @Test
    void directoryIsDumpedRecursivelyAndAFailureIsOneLineOnStderr() {
        Run r = qanode("dump", Samples.root().toString());
        assertThat(r.exitCode()).isEqualTo(1);
        long dumped = r.out().lines().filter(l -> l.startsWith("# File: ")).count();
        assertThat(dumped).isEqualTo(Samples.all().size() - 1);
        // every file is tried: SOURCES.md is not DICOM, and one sample is truncated
        List<String> errors = r.err().lines().toList();
        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("qanode dump: ").contains("SOURCES.md"));
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("qanode dump: ").contains("pydicom_rtplan_truncated.dcm")
                .contains("at offset 1418").contains("reading (300A,00B0)"));
    }

    @Test
    void unreadableAndNonDicomFilesFailWithExitOne(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not DICOM at all, just text\n");
        Run r = qanode("dump", text.toString(), tmp.resolve("missing.dcm").toString(),
                Samples.get("rtplan/pps_gammaplan_plan.dcm").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("notes.txt").contains("offset"))
                .anySatisfy(l -> assertThat(l).contains("missing.dcm"));
        assertThat(r.out()).contains("pps_gammaplan_plan.dcm");
    }

    @Test
    void topCommandWithoutSubcommandIsAUsageError() {
        Run r = qanode();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing subcommand").contains("dump");
        assertThat(qanode("--help").out()).contains("dump");
    }

    private static String line(String dump, String startsWith) {
        return Arrays.stream(dump.split("\n")).filter(l -> l.startsWith(startsWith)).findFirst().orElseThrow();
    }
}
