package org.qanode.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.report.ReportFormat;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * What each report format costs for a realistic upgrade result (issue 13): PATIENTS VMAT plans of
 * two arcs (178 control points, 60 leaf pairs); in every plan of the candidate one leaf moved at
 * one control point and, in every tenth plan, a whole bank shifted at every control point (the
 * worst case for the leaf lists and heat maps). Prints, per format, the median render time of
 * RUNS runs after one warm-up, and the output size. Usage: bench/report-bench.sh [PATIENTS] [RUNS].
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("qanode-report-bench");
        for (int p = 1; p <= patients; p++) {
            Dataset plan = RtObjects.vmatPlan(p, 1, 2, 178, 60);
            StateGenerator.write(dir.resolve("a/plan" + p + ".dcm"), plan, TransferSyntax.EXPLICIT_LE);
            Dataset changed = RtObjects.vmatPlan(p, 1, 2, 178, 60);
            var cps = changed.getSequence(Tags.BeamSequence).get(0).getSequence(Tags.ControlPointSequence);
            for (int c = 0; c < cps.size(); c++) {
                if (c != 50 && p % 10 != 0) {
                    continue;
                }
                Dataset mlc = cps.get(c).getSequence(Tags.BeamLimitingDevicePositionSequence).get(c == 0 ? 2 : 0);
                double[] leaves = mlc.getDoubles(Tags.LeafJawPositions);
                for (int k = 0; k < (p % 10 == 0 ? 60 : 1); k++) {
                    leaves[60 + k] += 0.5;
                }
                mlc.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
            }
            StateGenerator.write(dir.resolve("b/plan" + p + ".dcm"), changed, TransferSyntax.EXPLICIT_LE);
        }
        ComparisonResult r = new ComparisonRunner(new ProfileLoader(null).load("upgrade"), 0)
                .compare(new FolderSource(dir.resolve("a"), "pre"), new FolderSource(dir.resolve("b"), "post"));
        System.out.printf("%d plans, %d different%n", r.pairs().size(), r.summary().different());
        System.out.println("| format | median render (ms) | size (KiB) |");
        System.out.println("| --- | --- | --- |");
        for (ReportFormat f : ReportFormat.values()) {
            List<Long> times = new ArrayList<>();
            long size = 0;
            for (int i = 0; i <= runs; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                long t0 = System.nanoTime();
                f.renderer().write(r, out);
                long t = System.nanoTime() - t0;
                if (i > 0) {
                    times.add(t);
                }
                size = out.size();
            }
            Collections.sort(times);
            System.out.printf("| %s | %d | %d |%n", f.name().toLowerCase().replace('_', '-'), times.get(times.size() / 2) / 1_000_000,
                    size / 1024);
        }
    }
}
