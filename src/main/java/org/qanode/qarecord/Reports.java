package org.qanode.qarecord;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.qanode.report.CsvReport;
import org.qanode.report.HtmlReport;
import org.qanode.report.JsonReport;
import org.qanode.report.ReportRenderer;
import org.qanode.result.ComparisonResult;

/** The report files a QA record gets, rendered by the report package as the REST API serves them. */
final class Reports {
    private Reports() {
    }

    static byte[] html(ComparisonResult r) throws IOException {
        return render(new HtmlReport(), r);
    }

    static byte[] csv(ComparisonResult r) throws IOException {
        return render(new CsvReport(), r);
    }

    static byte[] json(ComparisonResult r) throws IOException {
        return render(new JsonReport(), r);
    }

    private static byte[] render(ReportRenderer renderer, ComparisonResult r) throws IOException {
        StringWriter w = new StringWriter();
        renderer.render(r, w);
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }
}
