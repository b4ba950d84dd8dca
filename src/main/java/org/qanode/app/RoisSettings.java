package org.qanode.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;

/**
 * The {@code rois:} and {@code sweep:} sections of conf/qanode.yml (ConfigLoader reserves them),
 * mapped to the records of package sweep. Unknown keys are errors that name the key.
 */
final class RoisSettings {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> ROIS_KEYS = Set.of("aeTitle", "host", "port", "callingAeTitle",
            "moveDestination", "model", "level", "useGet", "timeoutSeconds", "retries", "storeAeTitles");
    private static final Set<String> SWEEP_KEYS = Set.of("rois", "schedule", "patients", "modalities", "studyDays",
            "profile", "keep");

    private RoisSettings() {
    }

    /** Every configured ROIS by name; {@code ourAeTitle} (dicom.aeTitle) is the default calling AE. */
    static Map<String, RoisConfig> rois(Path file, String ourAeTitle) throws ConfigException {
        JsonNode section = section(file, "rois");
        Map<String, RoisConfig> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode n = e.getValue();
            n.fieldNames().forEachRemaining(k -> {
                if (!ROIS_KEYS.contains(k)) {
                    problems.add("rois." + name + "." + k + ": unknown key (known: " + String.join(", ", ROIS_KEYS) + ")");
                }
            });
            try {
                List<String> stores = new ArrayList<>();
                n.path("storeAeTitles").forEach(v -> stores.add(v.asText()));
                out.put(name, new RoisConfig(name, text(n, "aeTitle"), text(n, "host"), n.path("port").asInt(104),
                        n.hasNonNull("callingAeTitle") ? text(n, "callingAeTitle") : ourAeTitle,
                        text(n, "moveDestination"),
                        n.hasNonNull("model") ? QueryRetrieveModel.parse(text(n, "model")) : null,
                        n.hasNonNull("level") ? QueryLevel.parse(text(n, "level")) : null,
                        n.path("useGet").asBoolean(false), Duration.ofSeconds(n.path("timeoutSeconds").asLong(60)),
                        n.path("retries").asInt(2), stores));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage().startsWith("rois.") ? ex.getMessage() : "rois." + name + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    /** The sweep settings, or null when there is no {@code sweep:} section. */
    static SweepSettings sweep(Path file) throws ConfigException {
        JsonNode n = section(file, "sweep");
        if (n.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        n.fieldNames().forEachRemaining(k -> {
            if (!SWEEP_KEYS.contains(k)) {
                problems.add("sweep." + k + ": unknown key (known: " + String.join(", ", SWEEP_KEYS) + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            List<String> modalities = new ArrayList<>();
            n.path("modalities").forEach(v -> modalities.add(v.asText()));
            return new SweepSettings(text(n, "rois"), text(n, "schedule"),
                    n.hasNonNull("patients") ? Path.of(text(n, "patients")) : null, modalities,
                    n.path("studyDays").asInt(0), text(n, "profile"), n.path("keep").asInt(14));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
    }

    private static JsonNode section(Path file, String name) throws ConfigException {
        if (file == null) {
            return YAML.createObjectNode();
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            JsonNode s = root == null ? null : root.get(name);
            return s == null || s.isNull() ? YAML.createObjectNode() : s;
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": " + e.getMessage()));
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
