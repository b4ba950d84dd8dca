package org.qanode.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qanode.app.ConfigLoader;
import org.qanode.app.RunningNode;
import org.qanode.compare.FolderSource;
import org.qanode.compare.PairResult;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.Severity;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.node.ComparisonRepository;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.StateGenerator;

/**
 * Issue 14, performance: how fast Chromium shows the comparison page of a 25,000-pair result.
 * Generates two folders (about 25,000 RT objects each: 1,191 patients, a plan and 20 treatment
 * records each; every 10th object of the candidate changed, the rest a benign re-export), compares
 * them with the node's own runner (RT summary included, as the node does), files the result in a
 * running node as a DONE comparison, then opens its page in headless Chromium several times and
 * reports, from the browser's Navigation and Paint Timing: time to the first byte, to the first
 * contentful paint (the verdict, then the tables) and to the load event. Views: the default (pairs
 * not identical), all pairs, and one filtered by severity; the first load of each is "cold"
 * (the server parses the result JSON), the others "warm". Run by bench/ui-page-bench.sh.
 */
public final class ComparisonPageBenchmark {
    private ComparisonPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/qanode-ui-bench");
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : 1191;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        StateGenerator.Spec spec = new StateGenerator.Spec(patients, 1, 2, 20, 60, 20);
        Path a = dir.resolve("pre");
        Path b = dir.resolve("post");
        if (!Files.isDirectory(b)) {
            long t0 = System.nanoTime();
            StateGenerator.writeBaseline(a, spec);
            writeCandidate(b, spec);
            System.out.printf("generated %d patients x 21 objects per side in %.0f s%n", patients, (System.nanoTime() - t0) / 1e9);
        }
        // the comparison is kept beside the folders: a rerun measures the page only
        Path kept = dir.resolve("result.json");
        ComparisonResult compared;
        if (Files.exists(kept)) {
            compared = org.qanode.report.JsonReport.MAPPER.readValue(kept.toFile(), ComparisonResult.class);
        } else {
            long t0 = System.nanoTime();
            compared = new ComparisonRunner(new ProfileLoader(null).load("upgrade"), Runtime.getRuntime().availableProcessors(), true)
                    .compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
            System.out.printf("compared in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            try (var w = Files.newBufferedWriter(kept)) {
                new org.qanode.report.JsonReport().render(compared, w);
            }
        }
        System.out.printf("result: %d pairs (%d different)%n", compared.pairs().size(), compared.summary().different());

        Path node = dir.resolve("node");
        try (RunningNode n = RunningNode.start(ConfigLoader.load(null, Map.of(), Map.of("storage.dataDir",
                node.resolve("var-" + UUID.randomUUID()).toString(), "dicom.port", "0", "http.port", "0", "dicom.warmUpObjects", "0")))) {
            String id = UiNode.fileResult(n, compared);
            String worst = UiNode.JSON.readTree(n.node().comparisons().files().readBytes(id)).path("pairs").findValuesAsText("severity")
                    .stream().reduce("NONE", (x, y) -> List.of("NONE", "INFO", "WARNING", "ALERT").indexOf(y)
                            > List.of("NONE", "INFO", "WARNING", "ALERT").indexOf(x) ? y : x);
            String base = n.api().baseUrl() + "/ui/comparisons/" + id;
            System.out.printf("machine: %d cores, load average %.1f; result file %d MB%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Files.size(n.node().comparisons().files().file(id)) >> 20);
            try (Browser browser = Browser.start()) {
                for (String view : List.of("", "?show=all", "?severity=" + worst)) {
                    List<double[]> runs = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        runs.add(measure(browser, base + view));
                    }
                    report(view.isEmpty() ? "default (not identical)" : view, runs);
                }
            }
        }
    }

    /** ttfb, first contentful paint, load event end (ms since navigation start), rows in the page. */
    private static double[] measure(Browser browser, String url) {
        var d = browser.driver;
        d.get(url);
        Object o = d.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "function read() { var n = performance.getEntriesByType('navigation')[0];"
                + " var p = performance.getEntriesByName('first-contentful-paint')[0];"
                + " if (!n || n.loadEventEnd === 0 || !p) { setTimeout(read, 20); return; }"
                + " done([n.responseStart, p.startTime, n.loadEventEnd, document.querySelectorAll('table.differences tr').length,"
                + " document.querySelectorAll('section.pair').length, document.querySelectorAll('#rt-summary tr').length]); }"
                + "read();");
        List<?> v = (List<?>) o;
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).doubleValue();
        }
        return out;
    }

    private static void report(String view, List<double[]> runs) {
        double[] cold = runs.get(0);
        List<double[]> warm = runs.subList(1, runs.size());
        System.out.printf("view %s: %d objects shown, %d difference rows, %d RT summary rows%n", view, (int) cold[4],
                (int) cold[3], (int) cold[5]);
        System.out.printf("  cold: first byte %.0f ms, first contentful paint %.0f ms, load event %.0f ms%n", cold[0], cold[1], cold[2]);
        if (!warm.isEmpty()) {
            System.out.printf("  warm (median of %d): first byte %.0f ms, first contentful paint %.0f ms, load event %.0f ms"
                            + " (worst load %.0f ms)%n", warm.size(), median(warm, 0), median(warm, 1), median(warm, 2),
                    warm.stream().mapToDouble(r -> r[2]).max().orElse(0));
        }
    }

    private static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    /** The benign re-export, with every 10th object changed: plan label, or a record's treatment date. */
    private static void writeCandidate(Path dir, StateGenerator.Spec spec) {
        int n = 0;
        for (int p = 1; p <= spec.patients(); p++) {
            int k = 0;
            for (Dataset ds : StateGenerator.patientObjects(spec, p)) {
                k++;
                Dataset c = StateGenerator.benignReexport(ds);
                if (++n % 10 == 0) {
                    if (c.contains(Tags.RTPlanLabel)) {
                        c.setString(Tags.RTPlanLabel, VR.SH, "CHANGED");
                    } else {
                        c.setString(Tags.StudyDescription, VR.LO, "changed by the upgrade");
                    }
                }
                StateGenerator.write(StateGenerator.candidatePath(dir, c, k), c, StateGenerator.syntax(p + k));
            }
        }
    }
}
