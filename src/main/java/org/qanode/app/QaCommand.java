package org.qanode.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.qanode.webhook.OutboxChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qanode qa test}: checks the configured QA record systems (section {@code qa}) from this
 * machine, as the node would reach them: Redmine's API key, project and tracker (and the sign-off
 * statuses), QATrack+'s token and each mapping's unit and test list. One line per system.
 */
@Command(name = "qa", mixinStandardHelpOptions = true,
        description = "Check the QA record systems (Redmine, QATrack+): qanode qa test.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every configured system answered as configured", "1:a system refused or is misconfigured",
                "2:error (configuration, nothing configured)"})
public final class QaCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    @Parameters(index = "0", paramLabel = "ACTION", description = "test")
    String action;

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"test".equals(action)) {
            err.println("qanode qa: unknown action '" + action + "' (known: test)");
            err.flush();
            return ERROR;
        }
        try {
            List<OutboxChannel> channels = QaRecordChannels.of(configuration.load(), null, id -> {
                throw new IllegalStateException("qa test delivers nothing");
            });
            if (channels.isEmpty()) {
                err.println("qanode qa test: no QA record system configured (qa.redmine.url, qa.qatrack.url)");
                err.flush();
                return ERROR;
            }
            boolean ok = true;
            for (OutboxChannel c : channels) {
                OutboxChannel.Check check = c.check();
                ok &= check.ok();
                (check.ok() ? out : err).println(check.line());
            }
            out.flush();
            err.flush();
            return ok ? OK : FAILED;
        } catch (ConfigException e) {
            ConfigOptions.print("qa", e, err);
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ERROR;
        }
    }
}
