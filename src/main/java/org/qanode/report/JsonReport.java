package org.qanode.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;

/** The result as ARCHITECTURE.md's JSON; the field names and order come from the model's annotations. */
public final class JsonReport implements ReportRenderer {
    /** Shared, thread-safe once configured; also what the REST layer should use. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public void render(ComparisonResult result, Writer out) throws IOException {
        MAPPER.writeValue(out, result);
        out.write('\n');
    }

    @Override
    public String contentType() {
        return "application/json";
    }
}
