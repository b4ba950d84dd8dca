package org.qanode.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.report.JsonReport;
import org.qanode.report.RtSummaryCsv;
import org.qanode.report.RtSummaryText;
import org.qanode.rt.RtObjectSummary;
import org.qanode.rt.RtObjects;
import org.qanode.rt.RtSummary;
import org.qanode.rt.RtSummaryCollector;
import org.qanode.node.StateRtSummary;
import org.qanode.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qanode rt-summary FILE|DIR} or {@code qanode rt-summary --state NAME}: the RT summary of
 * one side alone (plans, beams, delivered fractions), to check what a ROIS exported before any
 * comparison. Non-RT objects are skipped; files that do not parse are listed as not summarised.
 */
@Command(name = "rt-summary", mixinStandardHelpOptions = true,
        description = "Summarise the RT plans and treatment records of a file, a folder or a stored state.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:summary written", "2:error"})
public final class RtSummaryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR|STATE", description = "A DICOM file, a folder (recursively), or with --state a state name.")
    String target;

    @Option(names = "--state", description = "TARGET is a state of the store (through the running node when there is one).")
    boolean state;

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RtSummary s;
            if (state) {
                s = fromState();
            } else {
                RtSummaryCollector collector = new RtSummaryCollector(false);
                for (Path f : files(Path.of(target))) {
                    summarise(f, f.toString(), collector);
                }
                s = collector.build();
            }
            switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> {
                    JsonReport.MAPPER.writeValue(out, s);
                    out.println();
                }
                case "csv" -> RtSummaryCsv.render(s, out);
                case "text" -> RtSummaryText.render(s, out, true, false);
                default -> throw new IllegalArgumentException("unknown format '" + format + "' (text, json, csv)");
            }
            out.flush();
            return 0;
        } catch (ConfigException e) {
            ConfigOptions.print("rt-summary", e, spec.commandLine().getErr());
            return 2;
        } catch (Exception e) {
            spec.commandLine().getErr().println("qanode rt-summary: " + (e.getMessage() != null ? e.getMessage() : e));
            return 2;
        }
    }

    /** From the node holding the data directory (REST), else from the store, never creating one. */
    private RtSummary fromState() throws Exception {
        QanodeConfig cfg = configuration.load();
        Optional<NodeLock.Info> node = NodeLock.running(cfg.storage().dataDir());
        if (node.isPresent()) {
            try {
                return NodeClient.of(node.get(), cfg).get("/api/v1/states/" + NodeClient.encode(target) + "/rt-summary",
                        RtSummary.class);
            } catch (NodeClient.RemoteException e) {
                throw new IllegalArgumentException(e.status() == 404 ? "no state '" + target + "'" : e.getMessage());
            }
        }
        String missing = StoreCommand.missingStore(cfg.storage());
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        try (StateStore store = StateStore.open(cfg.storage().dataDir(), cfg.storage().index())) {
            return StateRtSummary.of(store, target);
        }
    }

    private static void summarise(Path file, String id, RtSummaryCollector collector) {
        try {
            RtObjectSummary s = RtObjects.summarise(DicomReader.readFile(file, ReadOptions.withBulkDataByReference()).dataset());
            collector.add(RtSummaryCollector.Side.BASELINE, s);
        } catch (IOException | RuntimeException e) {
            collector.unreadable(id + " (" + e.getMessage() + ")");
        }
    }

    private static List<Path> files(Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return List.of(target);
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException("no such file or folder: " + target + " (use --state for a stored state)");
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(target)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
        }
        return out;
    }
}
