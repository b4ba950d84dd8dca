package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;

/** Writes a comparison result in one format; the writer is left open. */
public interface ReportRenderer {
    void render(ComparisonResult result, Writer out) throws IOException;

    /** MIME type for HTTP responses. */
    String contentType();
}
