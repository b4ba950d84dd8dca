package org.qanode.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.qanode.sweep.ExportJob;
import org.qanode.sweep.ExportRequest;
import org.qanode.sweep.ExportStatus;
import org.qanode.sweep.PatientList;
import org.qanode.sweep.RoisConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qanode export --from ROIS --state NAME ...}: C-FIND the selection at the ROIS, C-MOVE
 * (or C-GET) it into the state, check it is all there. Runs the move destination itself on
 * dicom.port, so {@code qanode serve} must not be running on the same data directory: when it
 * is, one line names it (pid, ports) and nothing is opened.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export plans and records from a configured ROIS into a state (C-FIND + C-MOVE/C-GET).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:DONE", "1:PARTIAL (missing instances listed)", "2:FAILED or bad arguments"})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Option(names = "--from", required = true, paramLabel = "ROIS", description = "A name under rois: in the configuration.")
    String from;

    @Option(names = "--state", required = true, paramLabel = "NAME", description = "Target state (created if missing).")
    String state;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--patients", paramLabel = "FILE", description = "CSV patient list (ID[,name] per line).")
        Path patientsFile;

        @Option(names = "--patient", paramLabel = "ID", arity = "1..*", description = "Patient IDs.")
        List<String> patientIds;

        @Option(names = "--study-date", paramLabel = "RANGE", description = "StudyDate range, e.g. 20261101-20261130.")
        String studyDate;
    }

    @Option(names = "--modality", split = ",", paramLabel = "M",
            description = "Modalities (default RTPLAN,RTRECORD,RTSTRUCT,RTDOSE,RTIMAGE).")
    List<String> modalities = List.of();

    @Override
    public Integer call() {
        try {
            QanodeConfig cfg = configuration.load();
            Map<String, RoisConfig> all = cfg.rois();
            RoisConfig rois = all.get(from);
            if (rois == null) {
                System.err.println("qanode export: no ROIS '" + from + "' under rois: (configured: " + all.keySet() + ")");
                return 2;
            }
            List<String> ids = new ArrayList<>();
            if (selection.patientsFile != null) {
                PatientList list = PatientList.read(selection.patientsFile);
                list.errors().forEach(e -> System.err.println("qanode export: " + selection.patientsFile + " " + e));
                ids.addAll(list.ids());
            } else if (selection.patientIds != null) {
                ids.addAll(selection.patientIds);
            }
            ExportRequest req = new ExportRequest(from, state, ids, modalities, selection.studyDate);
            try (ExportNode node = new ExportNode(cfg, List.of(rois))) {
                ExportJob job = new ExportJob(UUID.randomUUID().toString(), req, Clock.systemUTC());
                ExportProgressBar bar = new ExportProgressBar(System.err);
                job.onChange(bar::update);
                node.exporter.run(job, rois);
                ExportStatus s = job.snapshot();
                System.out.printf("%s: %d of %d instance(s) in state %s, %d failed%s%n", s.status(), s.received(),
                        s.expected(), s.state(), s.failed(), s.error() != null ? " (" + s.error() + ")" : "");
                s.missing().forEach(u -> System.out.println("missing " + u));
                return switch (s.status()) {
                    case ExportStatus.DONE -> 0;
                    case ExportStatus.PARTIAL -> 1;
                    default -> 2;
                };
            }
        } catch (ConfigException e) {
            System.err.println("qanode export: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        } catch (NodeLock.HeldException e) {
            System.err.println("qanode export: " + e.getMessage() + "; stop it, or export through it: POST /api/v1/exports");
            return 2;
        } catch (Exception e) {
            System.err.println("qanode export: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 2;
        }
    }
}
