package org.qanode.qarecord;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.compare.Severity;
import org.qanode.result.ComparisonResult;

/**
 * The values a comparison gives QATrack+ tests, by source name (configuration
 * {@code qa.qatrack.tests}: macro name to source). In the shapes of QATrack+'s API guide
 * (docs/api/guide.rst, "Uploading Data" and "Upload test types"): {@code {"value": x}} for
 * boolean, numerical and string tests, {@code {"filename", "value", "encoding": "base64"}} for an
 * upload test.
 */
final class QatrackValues {
    /** Every source a test can take its value from. */
    static final List<String> SOURCES = List.of("identical", "objects", "differences", "alerts", "warnings", "missing",
            "added", "unreadable", "severity", "summary", "result");

    private QatrackValues() {
    }

    /** The {@code tests} entry of one source; the verdict is a boolean (true: identical, the test passes). */
    static Map<String, Object> value(String source, ComparisonResult r) throws IOException {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<Severity, Long> by = ComparisonText.differencesBySeverity(r);
        switch (source) {
            case "identical" -> v.put("value", ComparisonResult.IDENTICAL.equals(r.verdict()));
            case "objects" -> v.put("value", r.pairs().size());
            case "differences" -> v.put("value", by.values().stream().mapToLong(Long::longValue).sum());
            case "alerts" -> v.put("value", by.getOrDefault(Severity.ALERT, 0L));
            case "warnings" -> v.put("value", by.getOrDefault(Severity.WARNING, 0L));
            case "missing" -> v.put("value", r.summary().onlyInBaseline());
            case "added" -> v.put("value", r.summary().onlyInCandidate());
            case "unreadable" -> v.put("value", r.summary().unreadable());
            case "severity" -> v.put("value", String.valueOf(r.severity()));
            case "summary" -> v.put("value", r.baseline() + " -> " + r.candidate() + ": " + ComparisonText.summaryLine(r));
            case "result" -> {
                v.put("filename", "comparison-" + r.id() + ".json");
                v.put("value", Base64.getEncoder().encodeToString(Reports.json(r)));
                v.put("encoding", "base64");
            }
            default -> throw new IllegalArgumentException("unknown QATrack+ value source '" + source + "'");
        }
        return v;
    }
}
