package org.qanode.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
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
 * The {@code rois:} and {@code sweep:} sections of conf/qanode.yml, mapped to the records of
 * package sweep by {@link ConfigLoader} together with every other key. Each problem names its key.
 */
final class RoisSettings {
    static final List<String> ROIS_KEYS = List.of("aeTitle", "host", "port", "callingAeTitle", "moveDestination",
            "model", "level", "useGet", "timeoutSeconds", "retries", "storeAeTitles", "parallelMoves", "tls");
    static final List<String> SWEEP_KEYS = List.of("rois", "schedule", "patients", "modalities", "studyDays",
            "profile", "keep");
    private static final Set<String> MODALITIES = Set.of("RTPLAN", "RTRECORD", "RTSTRUCT", "RTDOSE", "RTIMAGE", "CT",
            "MR", "PT", "REG", "SEG", "RTTREAT", "RTINTENT", "RTSEGANN", "RTRAD", "PLAN");

    private RoisSettings() {
    }

    /** Every configured ROIS by name; {@code ourAeTitle} (dicom.aeTitle) is the default calling AE. */
    static Map<String, RoisConfig> rois(JsonNode section, String ourAeTitle, List<String> problems) {
        Map<String, RoisConfig> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        if (!section.isObject()) {
            problems.add("rois: expected a mapping of ROIS name to {aeTitle, host, port, ...}");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode n = e.getValue();
            String prefix = "rois." + name;
            if (!n.isObject()) {
                problems.add(prefix + ": expected a mapping {aeTitle, host, port, ...}");
                continue;
            }
            int before = problems.size();
            n.fieldNames().forEachRemaining(k -> {
                if (!ROIS_KEYS.contains(k)) {
                    problems.add(prefix + "." + k + ": unknown key (known: " + String.join(", ", ROIS_KEYS) + ")");
                }
            });
            int port = integer(n, prefix, "port", problems);
            int timeout = integer(n, prefix, "timeoutSeconds", problems);
            int retries = integer(n, prefix, "retries", problems);
            int parallel = integer(n, prefix, "parallelMoves", problems);
            QueryRetrieveModel model = null;
            QueryLevel level = null;
            try {
                model = n.hasNonNull("model") ? QueryRetrieveModel.parse(text(n, "model")) : null;
            } catch (IllegalArgumentException ex) {
                problems.add(prefix + ".model: " + ex.getMessage());
            }
            try {
                level = n.hasNonNull("level") ? QueryLevel.parse(text(n, "level")) : null;
            } catch (IllegalArgumentException ex) {
                problems.add(prefix + ".level: " + ex.getMessage());
            }
            if (n.has("useGet") && !n.get("useGet").isBoolean()) {
                problems.add(prefix + ".useGet: expected true or false");
            }
            if (n.has("tls") && !n.get("tls").isBoolean()) {
                problems.add(prefix + ".tls: expected true or false");
            }
            List<String> stores = new ArrayList<>();
            JsonNode s = n.path("storeAeTitles");
            if (s.isArray()) {
                s.forEach(v -> stores.add(v.asText().strip()));
            } else if (!s.isMissingNode() && !s.isNull()) {
                problems.add(prefix + ".storeAeTitles: expected a list of AE titles");
            }
            if (problems.size() > before) {
                continue;
            }
            try {
                out.put(name, new RoisConfig(name, text(n, "aeTitle"), text(n, "host"), port,
                        n.hasNonNull("callingAeTitle") ? text(n, "callingAeTitle") : ourAeTitle,
                        text(n, "moveDestination"), model, level, n.path("useGet").asBoolean(false),
                        Duration.ofSeconds(timeout), retries, stores, parallel, n.path("tls").asBoolean(false)));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage().startsWith("rois.") ? ex.getMessage() : prefix + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /**
     * The sweep settings, or null when there is no {@code sweep:} section. {@code rois} are the
     * configured peers (sweep.rois must name one); {@code profileProblem} says why a profile
     * cannot be loaded, or null.
     */
    static SweepSettings sweep(JsonNode n, Map<String, RoisConfig> rois, java.util.function.Function<String, String> profileProblem,
            List<String> problems) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            problems.add("sweep: expected a mapping {rois, schedule, patients, ...}");
            return null;
        }
        int before = problems.size();
        n.fieldNames().forEachRemaining(k -> {
            if (!SWEEP_KEYS.contains(k)) {
                problems.add("sweep." + k + ": unknown key (known: " + String.join(", ", SWEEP_KEYS) + ")");
            }
        });
        String roisName = text(n, "rois");
        if (roisName != null && !rois.containsKey(roisName)) {
            problems.add("sweep.rois: '" + roisName + "' is not under rois: (configured: "
                    + (rois.isEmpty() ? "none" : String.join(", ", rois.keySet())) + ")");
        }
        Path patients = null;
        if (n.hasNonNull("patients")) {
            try {
                patients = Path.of(text(n, "patients"));
                if (!Files.isRegularFile(patients)) {
                    problems.add("sweep.patients: file not found: " + patients);
                }
            } catch (java.nio.file.InvalidPathException e) {
                problems.add("sweep.patients: not a valid path: " + text(n, "patients"));
            }
        }
        List<String> modalities = new ArrayList<>();
        JsonNode m = n.path("modalities");
        if (m.isArray()) {
            m.forEach(v -> modalities.add(v.asText().strip().toUpperCase(java.util.Locale.ROOT)));
        } else if (!m.isMissingNode() && !m.isNull()) {
            problems.add("sweep.modalities: expected a list, e.g. [RTPLAN, RTRECORD]");
        }
        for (String mod : modalities) {
            if (!MODALITIES.contains(mod)) {
                problems.add("sweep.modalities: unknown modality '" + mod + "' (e.g. " + String.join(", ",
                        new java.util.TreeSet<>(MODALITIES)) + ")");
            }
        }
        int studyDays = integer(n, "sweep", "studyDays", problems);
        int keep = integer(n, "sweep", "keep", problems);
        String profile = text(n, "profile");
        String profileError = profileProblem.apply(profile == null ? Setting.get("sweep.profile").defaultValue() : profile);
        if (profileError != null) {
            problems.add("sweep.profile: " + profileError);
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            if (m.isMissingNode() || m.isNull()) {
                Setting.get("sweep.modalities").defaultNode().forEach(v -> modalities.add(v.asText()));
            }
            String schedule = text(n, "schedule");
            return new SweepSettings(roisName, schedule != null ? schedule : Setting.get("sweep.schedule").defaultValue(),
                    patients, modalities, studyDays, profile != null ? profile : Setting.get("sweep.profile").defaultValue(),
                    keep);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            problems.add(msg.startsWith("sweep.") ? msg : "sweep.schedule: " + msg);
            return null;
        }
    }

    /** An integer of rois.NAME.* or sweep.*, with its default and range from {@link Setting#ALL}. */
    private static int integer(JsonNode n, String prefix, String key, List<String> problems) {
        Setting s = Setting.get((prefix.startsWith("rois.") ? "rois.NAME" : prefix) + "." + key);
        int def = s.defaultInt();
        long min = s.min();
        long max = s.max();
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.asText().strip());
            if (i < min || i > max) {
                problems.add(prefix + "." + key + ": must be " + min + ".." + max + ", got " + i);
                return def;
            }
            return i;
        } catch (NumberFormatException e) {
            problems.add(prefix + "." + key + ": expected an integer, got '" + v.asText() + "'");
            return def;
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
