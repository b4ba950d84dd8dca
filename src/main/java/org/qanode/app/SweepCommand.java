package org.qanode.app;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.qanode.compare.ProfileLoader;
import org.qanode.sweep.ExportJob;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepHistory;
import org.qanode.sweep.SweepRecord;
import org.qanode.sweep.SweepRunner;
import org.qanode.sweep.SweepSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qanode sweep run-now}: one nightly plan-integrity sweep on demand, as configured under
 * {@code sweep:}; the history is DATA_DIR/sweeps.json. Like export, it needs the node stopped.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Nightly plan-integrity sweep.",
        subcommands = {SweepCommand.RunNow.class})
public final class SweepCommand {

    @Command(name = "run-now", mixinStandardHelpOptions = true,
            description = "Export into sweep-YYYY-MM-DD, compare with the last successful sweep, prune.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:no alert", "1:alerts (pairs or clinical flags), self-check failed, or export PARTIAL",
                    "2:FAILED or bad configuration"})
    static final class RunNow implements Callable<Integer> {
        @Mixin
        ConfigOptions configuration = new ConfigOptions();

        @Override
        public Integer call() {
            try {
                QanodeConfig cfg = configuration.load();
                SweepSettings settings = cfg.sweep();
                if (settings == null) {
                    System.err.println("qanode sweep: no sweep: section in the configuration ("
                            + (configuration.config != null ? configuration.config : "$QANODE_CONFIG or conf/qanode.yml") + ")");
                    return 2;
                }
                RoisConfig rois = cfg.rois().get(settings.rois());
                try (ExportNode node = new ExportNode(cfg, List.of(rois))) {
                    SweepRunner runner = new SweepRunner(settings, node.store, req -> {
                        ExportJob job = new ExportJob(UUID.randomUUID().toString(), req, Clock.systemUTC());
                        job.onChange(new ExportProgressBar(System.err)::update);
                        node.exporter.run(job, rois);
                        return job.snapshot();
                    }, new ProfileLoader(cfg.compare().profilesDir()),
                            new SweepHistory(cfg.storage().dataDir().resolve("sweeps.json")),
                            (r, c) -> { }, s -> false, Clock.systemUTC(), ZoneId.systemDefault());
                    SweepRecord r = runner.runNow("cli").orElseThrow();
                    System.out.printf("%s %s: baseline %s, %d alert(s), %d warning(s), %d info(s), %d clinical flag(s),"
                                    + " self-check %s%s%n", r.state(), r.status(), r.baseline(), r.alerts(), r.warnings(),
                            r.infos(), r.flags(), r.selfCheckFailed() ? "FAILED" : "OK",
                            r.error() != null ? " (" + r.error() + ")" : "");
                    if (r.selfCheckFailed()) {
                        r.selfCheck().problems().forEach(System.err::println);
                    }
                    if ("FAILED".equals(r.status())) {
                        return 2;
                    }
                    return r.alerts() > 0 || "ALERT".equals(r.severity()) || !r.successful() ? 1 : 0;
                }
            } catch (ConfigException e) {
                System.err.println("qanode sweep: invalid configuration:");
                e.problems().forEach(p -> System.err.println("  " + p));
                return 2;
            } catch (NodeLock.HeldException e) {
                System.err.println("qanode sweep: " + e.getMessage() + "; stop it, or run it there: POST /api/v1/sweeps");
                return 2;
            } catch (Exception e) {
                System.err.println("qanode sweep: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                return 2;
            }
        }
    }
}
