package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;

/**
 * One row per difference, plus one row per pair that has no element differences but is not
 * IDENTICAL (only on one side, unreadable: {@code baseline}/{@code candidate} hold the object
 * ids, {@code reason} why it could not be read), so a spreadsheet shows every finding. RFC 4180:
 * CRLF line ends, fields with comma, quote, CR or LF quoted, quotes doubled.
 */
public final class CsvReport implements ReportRenderer {
    static final String HEADER = "patientId,sopInstanceUid,sopClass,pairStatus,path,tag,vr,kind,baseline,candidate,severity,reason";

    @Override
    public void render(ComparisonResult result, Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
        for (PairResult p : result.pairs()) {
            if (!p.differences().isEmpty()) {
                for (Difference d : p.differences()) {
                    row(out, p.patientId(), p.sopInstanceUid(), className(p), p.status().name(), d.path().toString(), d.tag(),
                            d.vr(), d.kind().name(), d.baseline(), d.candidate(),
                            d.severity() == null ? null : d.severity().name(), null);
                }
            } else if (p.status() != org.qanode.compare.PairStatus.IDENTICAL) {
                row(out, p.patientId(), p.sopInstanceUid(), className(p), p.status().name(), null, null, null, null,
                        p.baselineObject(), p.candidateObject(), p.severity() == null ? null : p.severity().name(),
                        p.reason());
            }
        }
        ClinicalFlagsSection.csv(result.flags(), out);
    }

    private static String className(PairResult p) {
        return p.sopClassName() != null ? p.sopClassName() : p.sopClassUid();
    }

    static void row(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields[i]));
        }
        out.write("\r\n");
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }
}
