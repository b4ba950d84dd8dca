package org.qanode.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The node's JSON for what it keeps and sends (event bodies, export documents in the index):
 * compact, without nulls. Reading tolerates fields a later version added, so a downgrade can
 * still read the index; the REST API keeps its own strict mapper for request bodies.
 */
public final class NodeJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private NodeJson() {
    }
}
