package org.qanode.api;

import org.qanode.compare.Difference;
import org.qanode.compare.DifferenceKind;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.compare.Summary;
import org.qanode.compare.TagPath;

import org.qanode.metrics.NodeMetrics;
import org.qanode.node.Node;
import org.qanode.node.ResultFiles;
import org.qanode.node.ComparisonRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.qanode.result.ComparisonResult;
import org.qanode.store.StateStore;

/**
 * REST latency of GET /api/v1/comparisons/{id} for a big result, generated directly (no DICOM):
 * {@code PAIRS} pairs, 1 in 50 DIFFERENT with 3 differences, as an upgrade check of a whole
 * department gives. Run by bench/server-bench.sh; results in docs/performance.md, "Server".
 * Usage: ServerBenchmark DIR [PAIRS] [ROUNDS]
 */
public final class ServerBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Files.createDirectories(dir);
        try (StateStore store = StateStore.open(dir, StateStore.defaultIndexUrl(dir))) {
            String id = UUID.randomUUID().toString();
            ComparisonResult result = result(id, pairs);
            ComparisonRepository repo = new ComparisonRepository(store.index());
            store.createState("pre");
            store.createState("post");
            repo.insert(id, "pre", "post", "upgrade");
            new ResultFiles(dir).write(result);
            repo.markDone(id, result.summary(), "ALERT");
            TestNode.Options options = TestNode.options(null, List.of(), 1 << 20);
            Node core = Node.start(store, options.node(), new NodeMetrics(), null);
            HttpApi node = HttpApi.start(core, options.http());
            try {
                HttpClient http = HttpClient.newHttpClient();
                System.out.printf("result: %,d pairs, JSON file %,d bytes%n", pairs,
                        Files.size(dir.resolve("comparisons").resolve(id + ".json")));
                for (String format : List.of("json", "html", "csv")) {
                    URI uri = URI.create("http://127.0.0.1:" + node.port() + "/api/v1/comparisons/" + id
                            + "?format=" + format);
                    long bytes = 0;
                    for (int i = 0; i < 3; i++) {
                        bytes = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body().length;
                    }
                    double[] ms = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(format + ": HTTP " + r.statusCode());
                        }
                    }
                    Arrays.sort(ms);
                    System.out.printf("GET ?format=%-4s %,12d bytes  median %8.1f ms  p95 %8.1f ms  max %8.1f ms (%d rounds)%n",
                            format, bytes, ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1], rounds);
                }
            } finally {
                node.close();
            }
        }
    }

    static ComparisonResult result(String id, int n) {
        List<PairResult> out = new ArrayList<>(n);
        int different = 0;
        for (int i = 0; i < n; i++) {
            String uid = "2.25.4711.1." + i;
            String patient = "QA" + (100000 + i / 21);
            boolean plan = i % 21 == 0;
            String cls = plan ? "1.2.840.10008.5.1.4.1.1.481.5" : "1.2.840.10008.5.1.4.1.1.481.4";
            String name = plan ? "RT Plan Storage" : "RT Beams Treatment Record Storage";
            if (i % 50 == 7) {
                different++;
                List<Difference> d = List.of(
                        new Difference(TagPath.parse("/BeamSequence/1/ControlPointSequence/57/BeamLimitingDevicePositionSequence/2/LeafJawPositions"),
                                "300A011C", "DS", DifferenceKind.CHANGED, "-5.0\\5.0", "-5.1\\5.0", null, null, Severity.ALERT),
                        new Difference(TagPath.parse("/RTPlanLabel"), "300A0002", "SH", DifferenceKind.CHANGED, "VMAT1", "VMAT1b",
                                null, null, Severity.ALERT),
                        new Difference(TagPath.parse("/(3253,1001)"), "32531001", "LO", DifferenceKind.REMOVED, "x", null,
                                null, null, Severity.WARNING));
                out.add(new PairResult(uid, cls, name, patient, PairStatus.DIFFERENT, "SOPInstanceUID", Severity.ALERT,
                        "states/pre/" + uid + "_0123456789abcdef.dcm", "states/post/" + uid + "_fedcba9876543210.dcm", null,
                        List.of(), d));
            } else {
                out.add(new PairResult(uid, cls, name, patient, PairStatus.IDENTICAL, "SOPInstanceUID", null,
                        "states/pre/" + uid + "_0123456789abcdef.dcm", "states/post/" + uid + "_fedcba9876543210.dcm", null,
                        List.of(), List.of()));
            }
        }
        Summary s = new Summary(n, n, n, n - different, different, 0, 0, 0);
        return new ComparisonResult(id, "DONE", null, "pre", "post", "upgrade", "2026-11-23T00:00:00Z",
                "2026-11-23T00:00:30Z", s, List.of(), out);
    }
}
