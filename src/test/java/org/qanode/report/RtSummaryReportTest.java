package org.qanode.report;

import org.qanode.result.ComparisonRunner;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.RtObjects;
import org.qanode.testing.RtObjects.Session;
import org.qanode.testing.StateGenerator;

/**
 * The RT summary in the reports. Scenario: a two-group course plan with three treated fractions;
 * the candidate lost the third fraction's record and beam 2's gantry angle moved from 180 to 182.
 * The HTML report is rendered by headless Chromium (screenshot taken) and checked through its DOM.
 */
class RtSummaryReportTest {
    @TempDir
    Path dir;
    ComparisonResult result;
    String planUid;

    @BeforeEach
    void compare() throws IOException {
        Dataset plan = RtObjects.multiGroupPlan(9);
        planUid = plan.getString(Tags.SOPInstanceUID);
        Dataset moved = StateGenerator.benignReexport(plan);
        for (Dataset beam : moved.getSequence(Tags.BeamSequence)) {
            if (beam.getInt(Tags.BeamNumber, 0) == 2) {
                beam.getSequence(Tags.ControlPointSequence).get(0).setDouble(Tags.GantryAngle, VR.DS, 182);
            }
        }
        StateGenerator.write(dir.resolve("a/plan.dcm"), plan, TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(dir.resolve("b/plan.dcm"), moved, TransferSyntax.EXPLICIT_LE);
        for (int f = 1; f <= 3; f++) {
            Dataset r = RtObjects.sessionRecord(plan, String.valueOf(f), "2026010" + f, 1,
                    new Session(1, f, "NORMAL", 100, 100), new Session(2, f, "NORMAL", 120, 120));
            StateGenerator.write(dir.resolve("a/r" + f + ".dcm"), r, TransferSyntax.IMPLICIT_LE);
            if (f < 3) {
                StateGenerator.write(dir.resolve("b/r" + f + ".dcm"), r, TransferSyntax.IMPLICIT_LE);
            }
        }
        result = new ComparisonRunner(new ProfileLoader(null).load("upgrade"), 2)
                .compare(new FolderSource(dir.resolve("a"), "pre"), new FolderSource(dir.resolve("b"), "post"));
    }

    @Test
    void htmlOpensWithTheSummaryAndChromiumRendersIt() throws IOException {
        Path chromium = ExternalTools.requireExecutable("chromium", "chromium");
        Path html = dir.resolve("report.html");
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            ReportFormat.HTML.renderer().render(result, w);
        }
        String page = Files.readString(html);
        assertThat(page.indexOf("id=\"rt-summary\"")).isPositive().isLessThan(page.indexOf("id=\"pair-"));

        Path shot = dir.resolve("report.png");
        Dcmtk.Result s = Dcmtk.run(chromium(chromium, "--screenshot=" + shot, "--window-size=1400,1000", html));
        assertThat(s.exitCode()).as(s.stderr()).isZero();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        byte[] png = Files.readAllBytes(shot);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        Dcmtk.Result dom = Dcmtk.run(chromium(chromium, "--dump-dom", null, html));
        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        String row = element(dom.stdout(), "tr", "data-plan=\"" + planUid + "\"");
        assertThat(cell(row, "fx-b")).isEqualTo("3/30");
        assertThat(cell(row, "fx-a")).isEqualTo("2/30");
        // 3 fractions x (1 + 1) Gy of 25 x 2 + 5 x 2 Gy, Gy to 0.001
        assertThat(cell(row, "dose-b")).isEqualTo("6.000/60.000");
        assertThat(cell(row, "dose-a")).isEqualTo("4.000/60.000");
        assertThat(row).contains("DIFFERENT", "fractions delivered 3 -&gt; 2", "beam 2 (PA): gantry start 180.0 -&gt; 182.0 deg",
                "href=\"#pair-" + planUid + "\"");
        String beams = element(dom.stdout(), "table", "class=\"beams\" data-plan=\"" + planUid + "\"");
        String gantry = element(beams, "tr", "data-param=\"gantryStart\"");
        // beams 1 and 2 (delivered fractions, gantry changed), before and after: only beam 2 is highlighted;
        // beams 3 (a set-up field) and 4 (the boost, not yet treated) are identical and collapsed into one line
        assertThat(cells(gantry)).containsExactly("0.0", "0.0", "180.0", "182.0");
        assertThat(gantry).containsPattern("<td class=\"b changed\">180.0</td><td class=\"a changed\">182.0</td>");
        assertThat(element(dom.stdout(), "p", "class=\"identical-beams\"")).contains("2 identical beams: beam 3 (SETUP kV), beam 4 (BOOST LAT)");
        assertThat(Pattern.compile("changed").matcher(gantry).results().count()).isEqualTo(2);
        assertThat(dom.stdout()).contains("id=\"pair-" + planUid + "\"");
    }

    @Test
    void csvExportHasOneRowPerValueWithChangedFlag() throws IOException {
        StringWriter w = new StringWriter();
        ReportFormat.of("rt-csv").renderer().render(result, w);
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(RtSummaryCsv.HEADER);
        assertThat(lines).contains(
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,,,,fractionsDelivered,,3,2,true",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,,,,fractionGroup1.fractionsDelivered,,3,2,true",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,,,,fractionGroup2.fractionsPlanned,,5,5,false",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,,,,firstTreatmentDate,,2026-01-01,2026-01-01,false",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,2,PA,DIFFERENT,gantryStart,deg,180,182,true",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,4,BOOST LAT,IDENTICAL,mlc,,no,no,false",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,1,AP,DIFFERENT,energy,MV,6,6,false",
                "QA000009," + planUid + ",3D+BOOST,DIFFERENT,1,AP,DIFFERENT,cumulativeDose,Gy,3,2,true");
        // one value per cell: never a Java record's text
        assertThat(w.toString()).doesNotContain("FractionGroupSide", "[", "=");
    }

    @Test
    void textAndJsonCarryTheSummary() throws IOException {
        StringWriter text = new StringWriter();
        ReportFormat.TEXT.renderer().render(result, text);
        assertThat(text.toString()).contains("RT summary: 1 plans, 0 identical, 1 different",
                "fractions delivered/planned 3/30 -> 2/30", "changed: beam 2 (PA): gantry start 180.0 -> 182.0 deg");
        StringWriter json = new StringWriter();
        ReportFormat.JSON.renderer().render(result, json);
        assertThat(json.toString()).contains("\"rtSummary\"", "\"maxAngleDifference\" : 2.0");
    }

    private static List<String> chromium(Path chromium, String action, String extra, Path html) throws IOException {
        Path profile = Files.createTempDirectory(html.getParent(), "chromium-profile");
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, action));
        if (extra != null) {
            cmd.add(extra);
        }
        cmd.add(html.toUri().toString());
        return cmd;
    }

    /** The first element {@code tag} whose start tag contains {@code attrs}, start to matching end (no nesting of the same tag). */
    private static String element(String html, String tag, String attrs) {
        int start = html.indexOf("<" + tag + " " + attrs);
        assertThat(start).as("<" + tag + " " + attrs + "> in the DOM").isNotNegative();
        int end = html.indexOf("</" + tag + ">", start);
        return html.substring(start, end);
    }

    private static String cell(String row, String cls) {
        Matcher m = Pattern.compile("<td class=\"" + cls + "(?: changed)?\">([^<]*)</td>").matcher(row);
        assertThat(m.find()).as(cls + " in " + row).isTrue();
        return m.group(1);
    }

    private static List<String> cells(String row) {
        return Pattern.compile("<td class=\"[ab](?: changed)?\">([^<]*)</td>").matcher(row).results().map(r -> r.group(1))
                .toList();
    }
}
