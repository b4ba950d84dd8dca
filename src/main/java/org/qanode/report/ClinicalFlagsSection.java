package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.qanode.rt.ClinicalFlag;

/**
 * The clinical flags of a comparison (issue 13) as one short section of each report, kept in its
 * own class so that the reports' layout can change around it: text lines after the counts, an
 * HTML table {@code #clinical-flags} before the RT summary, CSV rows after the differences (same
 * columns: {@code pairStatus} CLINICAL_FLAG, {@code kind} the flag, {@code reason} its detail).
 * Nothing at all when there is no flag.
 */
public final class ClinicalFlagsSection {
    static final String CSV_STATUS = "CLINICAL_FLAG";

    private ClinicalFlagsSection() {
    }

    static void text(List<ClinicalFlag> flags, Writer out) throws IOException {
        if (flags.isEmpty()) {
            return;
        }
        out.write("Clinical flags (" + flags.size() + "):\n");
        for (ClinicalFlag f : flags) {
            out.write(String.format("  %-7s %s %s plan %s%s: %s%n", f.severity(), f.type(), patient(f), plan(f),
                    f.record() != null ? " record " + f.record() : "", f.detail()));
        }
    }

    /** The HTML table (also embedded by the UI's comparison page); nothing without flags. */
    public static void html(List<ClinicalFlag> flags, Writer out) throws IOException {
        if (flags.isEmpty()) {
            return;
        }
        out.write("<section id=\"clinical-flags\"><h2>Clinical flags (" + flags.size() + ")</h2>\n"
                + "<table><tr><th>severity</th><th>flag</th><th>patient</th><th>plan</th><th>fraction</th><th>beam</th>"
                + "<th>what</th><th>record</th></tr>\n");
        for (ClinicalFlag f : flags) {
            out.write("<tr data-flag=\"" + f.type() + "\" data-severity=\"" + f.severity() + "\"><td class=\""
                    + f.severity() + "\">" + f.severity() + "</td><td>" + f.type() + "</td><td>"
                    + HtmlReport.esc(patient(f)) + "</td><td>" + HtmlReport.esc(plan(f)) + "</td><td>"
                    + (f.fraction() == null ? "" : f.fraction()) + "</td><td>" + (f.beam() == null ? "" : f.beam())
                    + "</td><td>" + HtmlReport.esc(f.detail()) + "</td><td>"
                    + HtmlReport.esc(f.record() == null ? "" : f.record()) + "</td></tr>\n");
        }
        out.write("</table></section>\n");
    }

    static void csv(List<ClinicalFlag> flags, Writer out) throws IOException {
        for (ClinicalFlag f : flags) {
            CsvReport.row(out, f.patientId(), f.record() != null ? f.record() : f.plan(), "clinical flag", CSV_STATUS,
                    null, null, null, f.type().name(), null, null, f.severity().name(), f.detail());
        }
    }

    private static String patient(ClinicalFlag f) {
        return f.patientId() != null ? "patient " + f.patientId() : "(no patient ID)";
    }

    private static String plan(ClinicalFlag f) {
        String uid = f.plan() != null ? f.plan() : "(plan unknown)";
        return f.planLabel() != null ? f.planLabel() + " (" + uid + ")" : uid;
    }
}
