package org.qanode.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code qanode} command line: one picocli top command, one class per subcommand.
 * Add a subcommand by listing its class in {@code subcommands} below.
 */
@Command(name = "qanode", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "DICOM QA node for radiation oncology.",
        subcommands = {ServeCommand.class, StoreScpCommand.class, EchoCommand.class, SendCommand.class,
                ExportCommand.class, SweepCommand.class, CompareCommand.class, RtSummaryCommand.class,
                StoreCommand.class, DumpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The version from the jar manifest (Implementation-Version), "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"qanode " + (v != null ? v : "dev")};
        }
    }
}
