package org.qanode.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;
import org.qanode.selftest.SelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qanode selftest}: the built-in phantom run ({@link SelfCheck}). Compares a generated
 * baseline with a candidate carrying seeded changes under the {@code upgrade} profile, looked up
 * as {@code compare} looks it up (compare.profilesDir first, so a site's own upgrade.yml is what
 * is checked), and exits 1 with one line per missed or unexpected difference.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Check the comparator on a built-in phantom: every seeded change found, nothing else.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every seeded change found and nothing else", "1:a seeded change missed or an unexpected difference",
                "2:error"})
public final class SelftestCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "upgrade",
            description = "Profile name (or a .yml file) to check. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Where profiles are looked up first. Default: compare.profilesDir (conf/profiles).")
    Path profilesDir;

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path dir = profilesDir != null ? profilesDir : configuration.load().compare().profilesDir();
            Profile p = new ProfileLoader(dir).load(profile);
            SelfCheck.Result r = new SelfCheck(p).run();
            PrintWriter to = r.ok() ? out : err;
            r.lines().forEach(to::println);
            to.flush();
            return r.ok() ? OK : FAILED;
        } catch (ConfigException e) {
            ConfigOptions.print("selftest", e, err);
            return ERROR;
        } catch (Exception e) {
            err.println("qanode selftest: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return ERROR;
        }
    }
}
