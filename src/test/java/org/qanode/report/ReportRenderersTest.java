package org.qanode.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.Difference;
import org.qanode.compare.DifferenceKind;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.compare.Summary;
import org.qanode.compare.TagPath;

class ReportRenderersTest {

    static ComparisonResult sample() {
        Difference changed = new Difference(TagPath.parse("/BeamSequence/3/BeamName"), "300A00C2", "LO",
                DifferenceKind.CHANGED, "Arc \"1\", <left>", "Arc 1\nright & done", null, null, Severity.ALERT);
        Difference removed = new Difference(TagPath.parse("/BeamSequence/2/ControlPointSequence/178"), "300A0111", "SQ",
                DifferenceKind.REMOVED, "(item ControlPointIndex=177)", null, null, null, Severity.WARNING);
        PairResult different = new PairResult("1.2.3", "1.2.840.10008.5.1.4.1.1.481.5", "RT Plan Storage", "P<1>",
                PairStatus.DIFFERENT, "SOPInstanceUID", Severity.ALERT, "a.dcm", "b.dcm", null, List.of(),
                List.of(changed, removed));
        PairResult lone = new PairResult("1.2.4", "1.2.840.10008.5.1.4.1.1.481.4", "RT Beams Treatment Record Storage",
                "P<1>", PairStatus.ONLY_IN_CANDIDATE, null, Severity.INFO, null, "r.dcm", null, List.of(), List.of());
        PairResult same = new PairResult("1.2.5", "1.2.840.10008.5.1.4.1.1.481.5", "RT Plan Storage", "P2",
                PairStatus.IDENTICAL, "SOPInstanceUID", null, "c.dcm", "c.dcm", null, List.of(), List.of());
        List<PairResult> pairs = List.of(different, lone, same);
        return new ComparisonResult("id-1", "DONE", null, "pre", "post", "upgrade", "2026-11-22T22:00:00Z",
                "2026-11-22T22:01:00Z", Summary.of(pairs), List.of(), pairs);
    }

    private static String render(ReportFormat f) throws Exception {
        StringWriter w = new StringWriter();
        f.renderer().render(sample(), w);
        return w.toString();
    }

    @Test
    void jsonUsesTheContractFieldNames() throws Exception {
        JsonNode root = JsonReport.MAPPER.readTree(render(ReportFormat.JSON));
        // issue 13: verdict and worst severity at the top level (ARCHITECTURE.md "Web UI and sign-off")
        assertThat(root.fieldNames()).toIterable().containsExactly("id", "status", "verdict", "severity", "baseline",
                "candidate", "profile", "startedAt", "finishedAt", "summary", "pairs");
        assertThat(root.get("verdict").asText()).isEqualTo("DIFFERENT");
        assertThat(root.get("severity").asText()).isEqualTo("ALERT");
        assertThat(root.get("summary").fieldNames()).toIterable().containsExactly("baselineObjects", "candidateObjects",
                "paired", "identical", "different", "onlyInBaseline", "onlyInCandidate", "unreadable");
        JsonNode pair = root.get("pairs").get(0);
        assertThat(pair.fieldNames()).toIterable().contains("sopInstanceUid", "sopClassUid", "sopClassName", "patientId",
                "status", "pairedBy", "differences");
        JsonNode d = pair.get("differences").get(1);
        assertThat(d.fieldNames()).toIterable().containsExactly("path", "tag", "vr", "kind", "baseline", "candidate", "severity");
        assertThat(d.get("path").asText()).isEqualTo("/BeamSequence/2/ControlPointSequence/178");
        assertThat(d.get("candidate").isNull()).isTrue();
        assertThat(d.get("kind").asText()).isEqualTo("REMOVED");
        assertThat(root.get("summary").get("different").asInt()).isEqualTo(1);
        assertThat(root.get("pairs").get(2).get("differences").isArray()).isTrue();
        ComparisonResult back = JsonReport.MAPPER.readValue(render(ReportFormat.JSON), ComparisonResult.class);
        assertThat(back).isEqualTo(sample());
    }

    @Test
    void csvQuotesPerRfc4180() throws Exception {
        String csv = render(ReportFormat.CSV);
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo(CsvReport.HEADER);
        assertThat(csv).contains(",\"Arc \"\"1\"\", <left>\",\"Arc 1\nright & done\",ALERT,\r\n");
        assertThat(csv).contains("P<1>,1.2.4,RT Beams Treatment Record Storage,ONLY_IN_CANDIDATE,,,,,,r.dcm,INFO,\r\n");
        assertThat(csv).doesNotContain("1.2.5");
        assertThat(CsvReport.field("plain")).isEqualTo("plain");
        assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void htmlEscapesEverythingFromTheData() throws Exception {
        String html = render(ReportFormat.HTML);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<left>").doesNotContain("P<1>")
                .contains("Arc &quot;1&quot;, &lt;left&gt;").contains("right &amp; done").contains("Patient P&lt;1&gt;")
                .contains("Identical objects (1)").contains("<i>(absent)</i>")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void reportsOpenWithVerdictAndWorstSeverity() throws Exception {
        assertThat(render(ReportFormat.TEXT)).startsWith("DIFFERENT, ALERT\n");
        String html = render(ReportFormat.HTML);
        String body = html.substring(html.indexOf("<body>") + "<body>".length()).strip();
        assertThat(body).startsWith("<p id=\"verdict\" class=\"verdict ALERT\" data-verdict=\"DIFFERENT\" data-severity=\"ALERT\">"
                + "DIFFERENT, ALERT</p>");
        assertThat(html.indexOf("data-verdict")).isLessThan(html.indexOf("baseline objects"));

        PairResult same = sample().pairs().get(2);
        ComparisonResult identical = new ComparisonResult("id-2", "DONE", null, "pre", "post", "upgrade", "a", "b",
                Summary.of(List.of(same)), List.of(), List.of(same));
        assertThat(identical.verdict()).isEqualTo("IDENTICAL");
        assertThat(identical.severity()).isEqualTo(Severity.NONE);
        StringWriter w = new StringWriter();
        ReportFormat.HTML.renderer().render(identical, w);
        assertThat(w.toString()).contains("data-verdict=\"IDENTICAL\" data-severity=\"NONE\"");
        w = new StringWriter();
        ReportFormat.TEXT.renderer().render(identical, w);
        assertThat(w.toString()).startsWith("IDENTICAL, NONE\n");
        JsonNode root = JsonReport.MAPPER.readTree(JsonReport.MAPPER.writeValueAsString(identical));
        assertThat(root.get("verdict").asText()).isEqualTo("IDENTICAL");
        assertThat(root.get("severity").asText()).isEqualTo("NONE");

        ComparisonResult failed = new ComparisonResult("id-3", "FAILED", "state pre is empty", "pre", "post", "upgrade",
                "a", null, null, List.of(), List.of());
        assertThat(failed.verdict()).isNull();
        root = JsonReport.MAPPER.readTree(JsonReport.MAPPER.writeValueAsString(failed));
        assertThat(root.has("verdict")).isFalse();
        assertThat(root.has("severity")).isFalse();
        w = new StringWriter();
        ReportFormat.TEXT.renderer().render(failed, w);
        assertThat(w.toString()).startsWith("FAILED: state pre is empty\n").doesNotContain("null");
        w = new StringWriter();
        ReportFormat.HTML.renderer().render(failed, w);
        assertThat(w.toString()).contains("data-status=\"FAILED\"").doesNotContain("data-verdict").doesNotContain("null");
    }

    @Test
    void textIsAShortSummary() throws Exception {
        String text = render(ReportFormat.TEXT);
        assertThat(text).contains("2 baseline, 3 candidate objects: 2 paired, 1 identical, 1 different")
                .contains("CHANGED /BeamSequence/3/BeamName").contains("differences found");
    }
}
