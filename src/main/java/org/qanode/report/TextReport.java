package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Summary;

/** A short terminal summary: the counts, then each non-identical pair with at most a few differences. */
public final class TextReport implements ReportRenderer {
    static final int DIFFERENCES_PER_PAIR = 5;

    @Override
    public void render(ComparisonResult r, Writer out) throws IOException {
        Summary s = r.summary();
        out.write("qanode compare " + r.baseline() + " -> " + r.candidate() + " (profile " + r.profile() + ")\n");
        out.write(String.format("%d baseline, %d candidate objects: %d paired, %d identical, %d different, "
                        + "%d only in baseline, %d only in candidate, %d unreadable%n",
                s.baselineObjects(), s.candidateObjects(), s.paired(), s.identical(), s.different(),
                s.onlyInBaseline(), s.onlyInCandidate(), s.unreadable()));
        for (String w : r.warnings()) {
            out.write("warning: " + w + "\n");
        }
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
            out.write(String.format("%-17s %-7s patient %s %s %s%n", p.status(), p.severity() == null ? "" : p.severity(),
                    p.patientId(), p.sopClassName() != null ? p.sopClassName() : p.sopClassUid(),
                    p.sopInstanceUid() != null ? p.sopInstanceUid() : (p.baselineObject() != null ? p.baselineObject() : p.candidateObject())));
            if (p.reason() != null) {
                out.write("    " + p.reason() + "\n");
            }
            int shown = 0;
            for (Difference d : p.differences()) {
                if (shown++ == DIFFERENCES_PER_PAIR) {
                    out.write("    ... " + (p.differences().size() - DIFFERENCES_PER_PAIR) + " more\n");
                    break;
                }
                out.write("    " + d.kind() + " " + d.path() + ": " + d.baseline() + " -> " + d.candidate() + "\n");
            }
        }
        out.write(r.noDifferences() ? "no differences\n" : "differences found\n");
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }
}
