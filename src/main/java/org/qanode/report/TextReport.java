package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Summary;

/**
 * A short terminal summary: the verdict and worst severity ("DIFFERENT, ALERT"), the counts, then
 * each non-identical pair with at most a few differences. Never prints "null": a missing value is
 * named for what it is.
 */
public final class TextReport implements ReportRenderer {
    static final int DIFFERENCES_PER_PAIR = 5;

    @Override
    public void render(ComparisonResult r, Writer out) throws IOException {
        out.write(verdictLine(r) + "\n");
        out.write("qanode compare " + r.baseline() + " -> " + r.candidate() + " (profile " + r.profile() + ")\n");
        Summary s = r.summary();
        if (s == null) {
            return;
        }
        out.write(String.format("%d baseline, %d candidate objects: %d paired, %d identical, %d different, "
                        + "%d only in baseline, %d only in candidate, %d unreadable%n",
                s.baselineObjects(), s.candidateObjects(), s.paired(), s.identical(), s.different(),
                s.onlyInBaseline(), s.onlyInCandidate(), s.unreadable()));
        for (String w : r.warnings()) {
            out.write("warning: " + w + "\n");
        }
        ClinicalFlagsSection.text(r.flags(), out);
        if (r.rtSummary() != null) {
            out.write(String.format("RT summary: %d plans, %d identical, %d different, %d only in baseline, "
                            + "%d only in candidate, %d unreadable%n", r.rtSummary().plans(), r.rtSummary().identicalPlans(),
                    r.rtSummary().differentPlans(), r.rtSummary().onlyInBaseline(), r.rtSummary().onlyInCandidate(),
                    r.rtSummary().unreadablePlans()));
            RtSummaryText.render(r.rtSummary(), out, false, true);
        }
        for (PairResult p : r.pairs()) {
            if (p.status() == PairStatus.IDENTICAL) {
                continue;
            }
            out.write(String.format("%-17s %-7s %s %s %s%n", p.status(), p.severity() == null ? "" : p.severity(),
                    patient(p), sopClass(p), object(p)));
            if (p.reason() != null) {
                out.write("    " + p.reason() + "\n");
            }
            for (String w : p.warnings()) {
                out.write("    warning: " + w + "\n");
            }
            int shown = 0;
            for (Difference d : p.differences()) {
                if (shown++ == DIFFERENCES_PER_PAIR) {
                    out.write("    ... " + (p.differences().size() - DIFFERENCES_PER_PAIR) + " more\n");
                    break;
                }
                java.util.List<String> changed = ValueChanges.of(d);
                if (!changed.isEmpty()) {
                    out.write("    " + d.kind() + " " + d.path() + ": " + String.join("; ", changed) + "\n");
                    continue;
                }
                String[] values = HtmlReport.temporal(d.vr(), d.baseline(), d.candidate());
                out.write("    " + d.kind() + " " + d.path() + ": " + value(values[0]) + " -> " + value(values[1]) + "\n");
            }
        }
        out.write(r.noDifferences() ? "no differences\n" : "differences found\n");
    }

    /** "DIFFERENT, ALERT", "IDENTICAL, NONE", or the status (and error) of a comparison not DONE. */
    static String verdictLine(ComparisonResult r) {
        if (r.verdict() != null) {
            return r.verdict() + ", " + r.severity();
        }
        return r.status() + (r.error() != null ? ": " + r.error() : "");
    }

    static String patient(PairResult p) {
        return p.patientId() != null ? "patient " + p.patientId() : "(no patient ID)";
    }

    static String sopClass(PairResult p) {
        if (p.sopClassName() != null) {
            return p.sopClassName();
        }
        return p.sopClassUid() != null ? p.sopClassUid() : "(SOP class unknown)";
    }

    /** The SOP Instance UID, else the file(s) it came from. */
    static String object(PairResult p) {
        if (p.sopInstanceUid() != null) {
            return p.sopInstanceUid();
        }
        if (p.baselineObject() != null && p.candidateObject() != null) {
            return p.baselineObject() + " / " + p.candidateObject();
        }
        return p.baselineObject() != null ? p.baselineObject() : p.candidateObject() != null ? p.candidateObject()
                : "(no SOP Instance UID)";
    }

    static String value(String v) {
        return v == null ? "(absent)" : v;
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }
}
