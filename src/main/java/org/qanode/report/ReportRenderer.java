package org.qanode.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.qanode.result.ComparisonResult;

/** Writes a comparison result in one format; the writer or stream is left open. */
public interface ReportRenderer {
    /** The text formats; a binary format ({@link #binary()}) refuses with an IOException. */
    void render(ComparisonResult result, Writer out) throws IOException;

    /** MIME type for HTTP responses. */
    String contentType();

    /** True for a format that is bytes, not text (PDF): use {@link #write}. */
    default boolean binary() {
        return false;
    }

    /** Every format as bytes: text formats as UTF-8. */
    default void write(ComparisonResult result, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        render(result, w);
        w.flush();
    }
}
