package org.qanode.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.store.StateObjectSource;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ObjectSource;
import org.qanode.store.StateStore;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.ProgressListener;
import org.qanode.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanode compare BASELINE CANDIDATE}: compares two exported folders, or two states of the
 * store the configuration names (the same as {@code serve}'s), and writes a report. While a node
 * runs on that data directory, two states are compared by the node (REST API) and the result
 * rendered here, so the output is the same either way. Exit code 0 when every object has an
 * identical counterpart, 1 when anything differs (or is missing or unreadable), 2 on error, so
 * scripts and cron can act on it.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two sides tag path by tag path; each side is a folder (read recursively) "
                + "or, when no such folder exists, a state of the store (through the running node when there is one).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no differences", "1:differences found", "2:error"})
public final class CompareCommand implements Callable<Integer> {
    static final int SAME = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "Baseline folder or state (e.g. before the upgrade).")
    String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Candidate folder or state.")
    String candidate;

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile name (or a .yml file). Default: compare.profile of the configuration (upgrade).")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Where profiles are looked up first. Default: compare.profilesDir (conf/profiles).")
    Path profilesDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json, csv, html, text, rt-csv (the RT summary alone) or pdf (the HTML report printed). "
                    + "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads. Default: compare.threads (0: the number of cores).")
    Integer threads;

    @Option(names = "--no-rt-summary", description = "Leave the RT summary (plans, beams, fractions) out of the report.")
    boolean noRtSummary;

    /** A folder when one exists by that name, else a state, which must exist in the store. */
    private static ObjectSource side(StateStore store, String name) {
        if (Files.isDirectory(Path.of(name))) {
            return new FolderSource(Path.of(name));
        }
        if (store.state(name).isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is neither a folder nor a state of the store");
        }
        return new StateObjectSource(store, name);
    }

    @Override
    public Integer call() {
        try {
            ReportFormat fmt = ReportFormat.of(format);
            QanodeConfig cfg = configuration.load();
            ComparisonResult result;
            boolean baselineFolder = Files.isDirectory(Path.of(baseline));
            boolean candidateFolder = Files.isDirectory(Path.of(candidate));
            Path dataDir = cfg.storage().dataDir();
            Optional<NodeLock.Info> node = baselineFolder && candidateFolder ? Optional.empty() : NodeLock.running(dataDir);
            if (node.isPresent()) {
                if (baselineFolder || candidateFolder) {
                    throw new IllegalArgumentException("'" + (baselineFolder ? baseline : candidate) + "' is a folder; the node "
                            + "holding " + dataDir + " (" + node.get().describe() + ") compares states only");
                }
                result = NodeClient.of(node.get(), cfg).compare(baseline, candidate, profile);
                if (noRtSummary) {
                    result = result.withoutRtSummary();
                }
            } else {
                Profile p = new ProfileLoader(profilesDir != null ? profilesDir : cfg.compare().profilesDir())
                        .load(profile != null ? profile : cfg.compare().profile());
                int configured = threads != null ? threads : cfg.compare().threads();
                int n = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
                ComparisonRunner comparator = new ComparisonRunner(p, n, !noRtSummary);
                ProgressListener progress = System.console() != null ? new ProgressBar(System.err) : ProgressListener.NONE;
                if (baselineFolder && candidateFolder) {
                    result = comparator.compare(new FolderSource(Path.of(baseline)), new FolderSource(Path.of(candidate)),
                            progress);
                } else {
                    String missing = StoreCommand.missingStore(cfg.storage());
                    if (missing != null) {
                        throw new IllegalArgumentException("'" + (baselineFolder ? candidate : baseline)
                                + "' is not a folder, and there is no store to look up states in: " + missing);
                    }
                    try (StateStore store = StateStore.open(dataDir, cfg.storage().index())) {
                        result = comparator.compare(side(store, baseline), side(store, candidate), progress);
                    }
                }
            }
            if (out != null) {
                try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                    fmt.renderer().write(result, o);
                }
            } else {
                java.io.OutputStream o = new java.io.BufferedOutputStream(System.out);
                fmt.renderer().write(result, o);
                o.flush();
            }
            return result.noDifferences() ? SAME : DIFFERENT;
        } catch (ConfigException e) {
            System.err.println("qanode compare: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return ERROR;
        } catch (Exception e) {
            System.err.println("qanode compare: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ERROR;
        }
    }
}
