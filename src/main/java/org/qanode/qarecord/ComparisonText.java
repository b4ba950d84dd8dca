package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.compare.Summary;
import org.qanode.result.ComparisonResult;

/**
 * The words a QA record gets for a comparison: an issue subject that names both states and the
 * verdict and carries the comparison id (the marker a retry searches for), a one-line summary,
 * and a description with counts and the worst differences by patient and object. Patient IDs
 * appear (the record needs them); values are cut short.
 */
final class ComparisonText {
    static final int WORST_PAIRS = 10;
    static final int DIFFERENCES_PER_PAIR = 3;
    private static final int VALUE_CHARS = 40;

    private ComparisonText() {
    }

    /** The marker in every subject: a retry looks the issue up by it. */
    static String marker(String comparisonId) {
        return "[comparison " + comparisonId + "]";
    }

    static String subject(ComparisonResult r, String sweepId) {
        String what = sweepId != null ? "qanode sweep " : "qanode ";
        return what + r.severity() + ": " + r.baseline() + " -> " + r.candidate() + " " + r.verdict() + " "
                + marker(r.id());
    }

    static String summaryLine(ComparisonResult r) {
        Summary s = r.summary();
        Map<Severity, Long> bySeverity = differencesBySeverity(r);
        return r.verdict() + " (worst " + r.severity() + "): " + s.paired() + " paired, " + s.identical() + " identical, "
                + s.different() + " different, " + s.onlyInBaseline() + " only in " + r.baseline() + ", "
                + s.onlyInCandidate() + " only in " + r.candidate() + ", " + s.unreadable() + " unreadable; differences "
                + bySeverity.getOrDefault(Severity.ALERT, 0L) + " alert, " + bySeverity.getOrDefault(Severity.WARNING, 0L)
                + " warning, " + bySeverity.getOrDefault(Severity.INFO, 0L) + " info";
    }

    static Map<Severity, Long> differencesBySeverity(ComparisonResult r) {
        Map<Severity, Long> out = new EnumMap<>(Severity.class);
        for (PairResult p : r.pairs()) {
            for (Difference d : p.differences()) {
                Severity s = d.severity() == null ? Severity.INFO : d.severity();
                out.merge(s, 1L, Long::sum);
            }
        }
        return out;
    }

    /** Pairs that are not identical, worst severity first (then most differences). */
    static List<PairResult> worstPairs(ComparisonResult r) {
        return r.pairs().stream().filter(p -> p.status() != PairStatus.IDENTICAL)
                .sorted(Comparator.comparing((PairResult p) -> p.severity() == null ? Severity.INFO : p.severity())
                        .reversed().thenComparing(p -> -p.differences().size()))
                .toList();
    }

    /**
     * The issue description; {@code links} from the event (ui, json, html), may be missing;
     * {@code attached} the files that go with it, {@code refused} those Redmine would not take.
     */
    static String description(ComparisonResult r, JsonNode links, String sweepLine, List<String> attached,
            List<String> refused) {
        StringBuilder sb = new StringBuilder();
        sb.append("qanode comparison ").append(r.id()).append(" (profile ").append(r.profile()).append("): baseline ")
                .append(r.baseline()).append(" against candidate ").append(r.candidate()).append(".\n");
        if (sweepLine != null) {
            sb.append(sweepLine).append("\n");
        }
        sb.append("\nVerdict: ").append(r.verdict()).append(", worst severity ").append(r.severity()).append(".\n");
        Summary s = r.summary();
        sb.append("Objects: ").append(s.baselineObjects()).append(" in baseline, ").append(s.candidateObjects())
                .append(" in candidate; ").append(s.paired()).append(" paired, ").append(s.identical())
                .append(" identical, ").append(s.different()).append(" different, ").append(s.onlyInBaseline())
                .append(" only in baseline, ").append(s.onlyInCandidate()).append(" only in candidate, ")
                .append(s.unreadable()).append(" unreadable.\n");
        Map<Severity, Long> by = differencesBySeverity(r);
        sb.append("Differences: ").append(by.getOrDefault(Severity.ALERT, 0L)).append(" alert, ")
                .append(by.getOrDefault(Severity.WARNING, 0L)).append(" warning, ")
                .append(by.getOrDefault(Severity.INFO, 0L)).append(" info.\n");
        List<PairResult> worst = worstPairs(r);
        if (!worst.isEmpty()) {
            sb.append("\nWorst differences, by patient and object:\n\n");
            for (PairResult p : worst.subList(0, Math.min(WORST_PAIRS, worst.size()))) {
                sb.append("* ").append(p.severity() == null ? Severity.INFO : p.severity()).append(" patient ")
                        .append(p.patientId() == null ? "-" : p.patientId()).append(", ")
                        .append(p.sopClassName() == null ? p.sopClassUid() : p.sopClassName()).append(' ')
                        .append(p.sopInstanceUid()).append(": ").append(p.status());
                if (!p.differences().isEmpty()) {
                    sb.append(", ").append(p.differences().size()).append(" difference(s): ");
                    List<String> ds = new ArrayList<>();
                    for (Difference d : p.differences().subList(0, Math.min(DIFFERENCES_PER_PAIR, p.differences().size()))) {
                        ds.add(d.path() + " " + d.kind() + " " + cut(d.baseline()) + " -> " + cut(d.candidate()));
                    }
                    sb.append(String.join("; ", ds));
                }
                sb.append("\n");
            }
            if (worst.size() > WORST_PAIRS) {
                sb.append("* ... and ").append(worst.size() - WORST_PAIRS).append(" more objects (see the report)\n");
            }
        }
        sb.append("\n");
        if (links != null && links.hasNonNull("ui")) {
            sb.append("Review and sign-off: ").append(links.get("ui").asText()).append("\n");
        }
        if (links != null && links.hasNonNull("json")) {
            sb.append("Result (JSON): ").append(links.get("json").asText()).append("\n");
        }
        if (!attached.isEmpty()) {
            sb.append("Attached: ").append(String.join(", ", attached)).append(".\n");
        }
        for (String f : refused) {
            sb.append("Not attached, refused by Redmine: ").append(f).append(". The report is at the links above.\n");
        }
        return sb.toString();
    }

    private static String cut(String v) {
        if (v == null) {
            return "(none)";
        }
        return v.length() > VALUE_CHARS ? v.substring(0, VALUE_CHARS) + "..." : v;
    }
}
