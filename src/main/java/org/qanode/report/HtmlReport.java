package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Summary;

/**
 * A self-contained page (no scripts, no external resources) a physicist can read and print:
 * the run and its counts, then per patient each object that is not identical with its
 * differences, then the identical objects as a compact list. Every value from the data is
 * HTML-escaped: DICOM text is foreign input.
 */
public final class HtmlReport implements ReportRenderer {
    private static final String STYLE = """
            body{font-family:sans-serif;font-size:10pt;margin:1.5em}
            table{border-collapse:collapse;margin:.4em 0 1em}
            th,td{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}
            th{background:#eee}
            td.v{font-family:monospace;word-break:break-all;max-width:28em}
            .ALERT{color:#a00;font-weight:bold}.WARNING{color:#a60}.INFO{color:#036}
            h2{page-break-after:avoid;border-bottom:1px solid #999}
            section{page-break-inside:avoid}
            ul.identical{columns:2;font-family:monospace;font-size:9pt}
            .verdict{font-size:16pt;font-weight:bold;padding:.3em .6em;border:2px solid;display:inline-block}
            .verdict.NONE{color:#060}
            ul.value-changes{margin:0;padding-left:1.2em;font-family:monospace}
            small.raw{color:#666}
            @page{size:A4 landscape;margin:12mm}
            @media print{
              body{margin:0;font-size:8.5pt}
              a{color:inherit;text-decoration:none}
              details>summary{display:none}
              table{page-break-inside:auto}
              tr,svg{page-break-inside:avoid}
              h2,h3,h4{page-break-after:avoid}
              td.changed{background:#fdd;-webkit-print-color-adjust:exact;print-color-adjust:exact}
            }
            """ + RtSummaryHtml.STYLE;

    @Override
    public void render(ComparisonResult r, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>qanode comparison "
                + esc(r.baseline()) + " / " + esc(r.candidate()) + "</title>\n<style>" + STYLE + "</style></head><body>\n");
        verdict(r, out);
        out.write("<h1>Comparison " + esc(r.baseline()) + " &rarr; " + esc(r.candidate()) + "</h1>\n");
        out.write("<p>Profile <b>" + esc(r.profile()) + "</b>, started " + esc(r.startedAt()) + ", finished "
                + esc(r.finishedAt()) + ", id " + esc(r.id()) + ", status " + esc(r.status()) + "</p>\n");
        if (r.error() != null) {
            out.write("<p class=\"ALERT\">" + esc(r.error()) + "</p>\n");
        }
        Summary s = r.summary();
        if (s == null) {
            out.write("</body></html>\n");
            return;
        }
        out.write("<table><tr><th>baseline objects</th><th>candidate objects</th><th>paired</th><th>identical</th>"
                + "<th>different</th><th>only in baseline</th><th>only in candidate</th><th>unreadable</th></tr>\n<tr>");
        for (int n : new int[] {s.baselineObjects(), s.candidateObjects(), s.paired(), s.identical(), s.different(),
                s.onlyInBaseline(), s.onlyInCandidate(), s.unreadable()}) {
            out.write("<td>" + n + "</td>");
        }
        out.write("</tr></table>\n");
        signoff(r, out);
        for (String w : r.warnings()) {
            out.write("<p class=\"WARNING\">" + esc(w) + "</p>\n");
        }
        ClinicalFlagsSection.html(r.flags(), out);
        if (r.rtSummary() != null) {
            java.util.Set<String> withDifferences = new java.util.HashSet<>();
            for (PairResult p : r.pairs()) {
                if (p.status() != PairStatus.IDENTICAL && p.sopInstanceUid() != null) {
                    withDifferences.add(p.sopInstanceUid());
                }
            }
            RtSummaryHtml.render(r.rtSummary(), withDifferences, out);
        }

        Map<String, List<PairResult>> byPatient = new LinkedHashMap<>();
        List<PairResult> identical = new ArrayList<>();
        for (PairResult p : r.pairs()) {
            if (p.status() == PairStatus.IDENTICAL) {
                identical.add(p);
            } else {
                byPatient.computeIfAbsent(p.patientId() == null ? "(no patient ID)" : p.patientId(), k -> new ArrayList<>()).add(p);
            }
        }
        if (r.pairs().stream().anyMatch(p -> p.differences().stream().anyMatch(d -> d.path().toString().contains("ControlPointSequence/")))) {
            out.write("<p class=\"note\">" + esc(RtSummaryHtml.CONTROL_POINT_NOTE) + "</p>\n");
        }
        for (Map.Entry<String, List<PairResult>> e : byPatient.entrySet()) {
            out.write("<h2>Patient " + esc(e.getKey()) + "</h2>\n");
            for (PairResult p : e.getValue()) {
                pair(p, out);
            }
        }
        if (!identical.isEmpty()) {
            out.write("<h2>Identical objects (" + identical.size() + ")</h2>\n<ul class=\"identical\">\n");
            for (PairResult p : identical) {
                out.write("<li>" + esc(p.patientId() != null ? p.patientId() : "(no patient ID)") + " " + esc(TextReport.sopClass(p))
                        + " " + esc(TextReport.object(p)) + "</li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("</body></html>\n");
    }

    /**
     * The page opens with the verdict (ARCHITECTURE.md, "Web UI and sign-off"): an element with
     * {@code data-verdict} and {@code data-severity}; a comparison not DONE shows its status.
     */
    private static void verdict(ComparisonResult r, Writer out) throws IOException {
        if (r.verdict() != null) {
            out.write("<p id=\"verdict\" class=\"verdict " + r.severity().name() + "\" data-verdict=\"" + r.verdict()
                    + "\" data-severity=\"" + r.severity().name() + "\">" + r.verdict() + ", " + r.severity().name() + "</p>\n");
        } else {
            out.write("<p id=\"verdict\" class=\"verdict WARNING\" data-status=\"" + esc(r.status()) + "\">"
                    + esc(TextReport.verdictLine(r)) + "</p>\n");
        }
    }

    /** The review decision (issue 14), or that there is none yet, for a DONE comparison. */
    private static void signoff(ComparisonResult r, Writer out) throws IOException {
        if (!"DONE".equals(r.status())) {
            return;
        }
        org.qanode.result.Signoff so = r.signoff();
        out.write("<section id=\"signoff\"><h2>Sign-off</h2>\n");
        if (so == null) {
            out.write("<p>Not signed off.</p>\n");
        } else {
            out.write("<p class=\"" + ("ACCEPTED".equals(so.decision()) ? "IDENTICAL" : "ALERT") + "\"><b>" + esc(so.decision())
                    + "</b> by " + esc(so.user()) + " at " + esc(so.at()) + "</p>\n");
            if (so.comment() != null) {
                out.write("<p>" + esc(so.comment()) + "</p>\n");
            }
        }
        if (!r.annotations().isEmpty()) {
            out.write("<table><tr><th>object</th><th>path</th><th>expected because</th><th>by</th></tr>\n");
            for (org.qanode.result.Annotation a : r.annotations()) {
                out.write("<tr><td class=\"v\">" + esc(a.sopInstanceUid()) + "</td><td class=\"v\">" + esc(a.path())
                        + "</td><td>" + esc(a.reason()) + "</td><td>" + esc(a.user()) + " " + esc(a.at()) + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("</section>\n");
    }

    private static void pair(PairResult p, Writer out) throws IOException {
        out.write("<section" + (p.sopInstanceUid() != null ? " id=\"pair-" + esc(p.sopInstanceUid()) + "\"" : "")
                + "><h3><span class=\"" + sev(p) + "\">" + esc(p.status().name())
                + (p.severity() != null ? " " + esc(p.severity().name()) : "") + "</span> "
                + esc(TextReport.sopClass(p)) + " " + esc(TextReport.object(p)) + "</h3>\n");
        out.write("<p>baseline: " + esc(orNone(p.baselineObject())) + "; candidate: " + esc(orNone(p.candidateObject()))
                + (p.pairedBy() != null ? "; paired by " + esc(p.pairedBy()) : "") + "</p>\n");
        if (p.reason() != null) {
            out.write("<p class=\"ALERT\">" + esc(p.reason()) + "</p>\n");
        }
        for (String w : p.warnings()) {
            out.write("<p class=\"WARNING\">" + esc(w) + "</p>\n");
        }
        if (!p.differences().isEmpty()) {
            out.write("<table class=\"differences\"><tr><th>path</th><th>tag</th><th>VR</th><th>kind</th><th>baseline</th>"
                    + "<th>candidate</th><th>severity</th></tr>\n");
            for (Difference d : p.differences()) {
                String sev = d.severity() == null ? "" : d.severity().name();
                out.write("<tr><td class=\"v\">" + esc(d.path().toString()) + "</td><td>" + esc(d.tag()) + "</td><td>"
                        + esc(d.vr()) + "</td><td>" + esc(d.kind().name()) + "</td>" + values(d) + "<td class=\"" + sev + "\">"
                        + sev + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("</section>\n");
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }

    private static String sev(PairResult p) {
        return p.severity() == null ? "" : p.severity().name();
    }

    /**
     * The baseline and candidate cells: for a multi-valued number the values that changed, in
     * one cell across both columns (every value under a disclosure); DA, TM and DT values as dates
     * and times ({@link RtUnit}), the DICOM text beside them.
     */
    private static String values(Difference d) {
        List<String> changed = ValueChanges.of(d);
        if (!changed.isEmpty()) {
            StringBuilder sb = new StringBuilder("<td colspan=\"2\" class=\"value-changes\"><ul class=\"value-changes\">");
            for (String c : changed) {
                sb.append("<li>").append(esc(c)).append("</li>");
            }
            return sb.append("</ul><details><summary>all values</summary><p class=\"v\">before: ").append(esc(d.baseline()))
                    .append("</p><p class=\"v\">after: ").append(esc(d.candidate())).append("</p></details></td>").toString();
        }
        String[] shown = temporal(d.vr(), d.baseline(), d.candidate());
        return "<td class=\"v\">" + value(shown[0], d.baseline(), d.baselineLength()) + "</td><td class=\"v\">"
                + value(shown[1], d.candidate(), d.candidateLength()) + "</td>";
    }

    /** DA/TM/DT values formatted; when formatting would make two different values look alike, the DICOM text. */
    static String[] temporal(String vr, String a, String b) {
        java.util.function.UnaryOperator<String> f = switch (vr == null ? "" : vr) {
            case "DA" -> RtUnit::date;
            case "TM" -> RtUnit::time;
            case "DT" -> RtUnit::dateTime;
            default -> null;
        };
        if (f == null) {
            return new String[] {a, b};
        }
        String fa = a == null ? null : multi(a, f);
        String fb = b == null ? null : multi(b, f);
        if (fa != null && fa.equals(fb) && !a.equals(b)) {
            return new String[] {a, b};
        }
        return new String[] {fa, fb};
    }

    private static String multi(String v, java.util.function.UnaryOperator<String> f) {
        String[] parts = v.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].isBlank() ? parts[i] : f.apply(parts[i]);
        }
        return String.join("\\", parts);
    }

    private static String value(String shown, String raw, Long length) {
        if (raw == null) {
            return "<i>(absent)</i>";
        }
        String title = shown.equals(raw) ? "" : " <small class=\"raw\">(" + esc(raw) + ")</small>";
        return esc(shown) + title + (length != null ? " <i>(" + length + " bytes)</i>" : "");
    }

    /** Escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append("&#xFFFD;");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String contentType() {
        return "text/html; charset=utf-8";
    }
}
