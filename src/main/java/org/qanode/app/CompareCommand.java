package org.qanode.app;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanode compare BASELINE CANDIDATE}: compares two exported folders and writes a report.
 * Exit code 0 when every object has an identical counterpart, 1 when anything differs (or is
 * missing or unreadable), 2 on error, so scripts and cron can act on it.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two sides tag path by tag path; each side is a folder (read recursively) "
                + "or, when no such folder exists, a state of the local store.",
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

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./var",
            description = "Data directory of the store, for state names. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--index", paramLabel = "JDBC_URL", description = "Index of the store. Default: jdbc:h2:file:DATA_DIR/index.")
    String index;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = ProfileLoader.DEFAULT_PROFILE,
            description = "Profile name (or a .yml file). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Where profiles are looked up first. Default: conf/profiles.")
    Path profilesDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json, csv, html, text, or rt-csv (the RT summary alone). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of cores.")
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
            Profile p = new ProfileLoader(profilesDir).load(profile);
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            ComparisonRunner comparator = new ComparisonRunner(p, n, !noRtSummary);
            ProgressListener progress = System.console() != null ? new ProgressBar(System.err) : ProgressListener.NONE;
            ComparisonResult result;
            if (Files.isDirectory(Path.of(baseline)) && Files.isDirectory(Path.of(candidate))) {
                result = comparator.compare(new FolderSource(Path.of(baseline)), new FolderSource(Path.of(candidate)), progress);
            } else {
                if (index == null && !Files.isDirectory(dataDir)) {
                    throw new IllegalArgumentException("'" + (Files.isDirectory(Path.of(baseline)) ? candidate : baseline)
                            + "' is not a folder, and there is no store at " + dataDir + " to look up states in");
                }
                try (StateStore store = StateStore.open(dataDir, index != null ? index : StateStore.defaultIndexUrl(dataDir))) {
                    result = comparator.compare(side(store, baseline), side(store, candidate), progress);
                }
            }
            if (out != null) {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    fmt.renderer().render(result, w);
                }
            } else {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                fmt.renderer().render(result, w);
                w.flush();
            }
            return result.noDifferences() ? SAME : DIFFERENT;
        } catch (Exception e) {
            System.err.println("qanode compare: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ERROR;
        }
    }
}
