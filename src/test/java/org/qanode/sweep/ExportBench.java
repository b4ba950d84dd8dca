package org.qanode.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.FreePorts;
import org.qanode.testing.OrthancPeer;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * Export benchmark (bench/export-bench.sh): Orthanc loaded with PATIENTS patients of PLANS plans
 * and RECORDS records per plan; then, in one run, qanode's export (C-FIND + C-MOVE per series
 * into a state) and dcmtk movescu moving the same studies to dcmtk storescp, then qanode's export
 * again into a second state (warm JVM, warm Orthanc). Prints wall times and instances per second. Arguments: work folder, patients, plans per patient, records per plan.
 */
public final class ExportBench {
    private ExportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int patients = Integer.parseInt(args[1]);
        int plans = Integer.parseInt(args[2]);
        int records = Integer.parseInt(args[3]);
        StateGenerator.Spec spec = new StateGenerator.Spec(patients, plans, 2, 20, 60, records);
        Path gen = dir.resolve("gen");
        List<String> ids = new ArrayList<>();
        List<String> studies = new ArrayList<>();
        for (int p = 1; p <= patients; p++) {
            ids.add(RtObjects.patientId(p));
            studies.add(RtObjects.uid("study", p));
            for (Dataset ds : StateGenerator.patientObjects(spec, p)) {
                StateGenerator.write(gen.resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm"), ds,
                        TransferSyntax.EXPLICIT_LE);
            }
        }
        int objects = spec.objects();
        int storescpPort = FreePorts.next();
        try (ExportFixture node = new ExportFixture(dir.resolve("qanode"), List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC", Map.of(
                     "qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()},
                     "storescp", new Object[] {"STORESCP", "127.0.0.1", storescpPort}))) {
            long t0 = System.nanoTime();
            Dcmtk.Result load = Dcmtk.run("storescu", "+sd", "-aec", "ORTHANC", "127.0.0.1",
                    Integer.toString(orthanc.dicomPort()), gen.toString());
            if (load.exitCode() != 0) {
                throw new IllegalStateException("loading Orthanc: " + load.stderr());
            }
            System.out.printf("loaded %d objects into Orthanc in %.1f s%n", objects, (System.nanoTime() - t0) / 1e9);

            // -Dqanode.bench.parallelMoves=N: retrievals in flight (rois.NAME.parallelMoves; default 3)
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE)
                    .withModel(org.qanode.net.dimse.QueryRetrieveModel.STUDY_ROOT,
                            org.qanode.net.dimse.QueryLevel.parse(System.getProperty("qanode.bench.level", "SERIES")))
                    .withParallelMoves(Integer.getInteger("qanode.bench.parallelMoves", RoisConfig.DEFAULT_PARALLEL_MOVES));
            System.out.printf("qanode export: %s level, %d parallel moves%n", rois.level(), rois.parallelMoves());
            long t1 = System.nanoTime();
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "bench", ids, List.of(), null));
            double qanode = (System.nanoTime() - t1) / 1e9;
            System.out.printf("qanode export: %s, %d instances in %.2f s, %.0f instances/s%n", s.status(),
                    s.received(), qanode, s.received() / qanode);

            Path received = dir.resolve("storescp");
            Files.createDirectories(received);
            ProcessBuilder pb = new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", received.toString(),
                    Integer.toString(storescpPort));
            pb.environment().put("TCP_NODELAY", "1");
            Process scp = pb.redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
            Thread.sleep(500);
            try {
                long t2 = System.nanoTime();
                for (String study : studies) {
                    Dcmtk.Result r = Dcmtk.run("movescu", "-S", "-aet", "MOVESCU", "-aem", "STORESCP", "-aec",
                            "ORTHANC", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study,
                            "127.0.0.1", Integer.toString(orthanc.dicomPort()));
                    if (r.exitCode() != 0) {
                        throw new IllegalStateException("movescu: " + r.stderr());
                    }
                }
                double dcmtk = (System.nanoTime() - t2) / 1e9;
                long files;
                try (var list = Files.list(received)) {
                    files = list.count();
                }
                System.out.printf("dcmtk movescu -> storescp: %d instances in %.2f s, %.0f instances/s%n", files,
                        dcmtk, files / dcmtk);
                // Does Orthanc serve concurrent C-MOVEs in parallel? The same studies moved again by
                // three movescu at once (as the node's export has three retrievals in flight).
                int parallel = Integer.getInteger("qanode.bench.parallelMoves", RoisConfig.DEFAULT_PARALLEL_MOVES);
                Path again = dir.resolve("storescp2");
                Files.createDirectories(again);
                scp.destroy();
                scp.waitFor();
                pb = new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", again.toString(),
                        Integer.toString(storescpPort));
                pb.environment().put("TCP_NODELAY", "1");
                scp = pb.redirectErrorStream(true).redirectOutput(dir.resolve("storescp2.log").toFile()).start();
                Thread.sleep(500);
                long t4 = System.nanoTime();
                java.util.concurrent.ExecutorService movers = java.util.concurrent.Executors.newFixedThreadPool(parallel);
                List<java.util.concurrent.Future<?>> moves = new ArrayList<>();
                for (String study : studies) {
                    moves.add(movers.submit(() -> {
                        Dcmtk.Result r = Dcmtk.run("movescu", "-S", "-aet", "MOVESCU", "-aem", "STORESCP", "-aec",
                                "ORTHANC", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study,
                                "127.0.0.1", Integer.toString(orthanc.dicomPort()));
                        if (r.exitCode() != 0) {
                            throw new IllegalStateException("movescu: " + r.stderr());
                        }
                        return null;
                    }));
                }
                for (var m : moves) {
                    m.get();
                }
                movers.shutdown();
                double dcmtkParallel = (System.nanoTime() - t4) / 1e9;
                try (var list = Files.list(again)) {
                    files = list.count();
                }
                System.out.printf("dcmtk movescu x%d in parallel -> storescp: %d instances in %.2f s, %.0f instances/s%n",
                        parallel, files, dcmtkParallel, files / dcmtkParallel);
            } finally {
                scp.destroy();
            }
            // The first export ran right after the load, in a cold JVM and against a cold Orthanc;
            // dcmtk's ran second. The same export again, into a second state, is the warm figure.
            long t3 = System.nanoTime();
            ExportStatus warm = node.export(rois, new ExportRequest("ORTHANC", "bench2", ids, List.of(), null));
            double again = (System.nanoTime() - t3) / 1e9;
            System.out.printf("qanode export again (warm): %s, %d instances in %.2f s, %.0f instances/s%n",
                    warm.status(), warm.received(), again, warm.received() / again);
        }
    }
}
