package org.qanode.app;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code qanode} command line: one picocli top command, one class per subcommand.
 * Add a subcommand by listing its class in {@link #SUBCOMMANDS}.
 *
 * <p>Subcommands are registered in code rather than in {@code @Command(subcommands = ...)}
 * because picocli builds the full reflective model of every registered command up front
 * (annotations, fields, default values, help sections): with six commands that was 300-430 ms
 * of a {@code qanode dump} run. {@link #main} registers only the subcommand the arguments
 * name, so a short command pays for its own model only; anything else (no subcommand,
 * {@code --help}, a typo) gets all of them, so usage and "did you mean" stay complete.
 */
@Command(name = "qanode", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "DICOM QA node for radiation oncology.")
public final class Main implements Runnable {

    /** Every subcommand, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, StoreScpCommand.class, EchoCommand.class,
            SendCommand.class, ExportCommand.class, SweepCommand.class, CompareCommand.class, RtSummaryCommand.class,
            StoreCommand.class, UserCommand.class, DumpCommand.class, SelftestCommand.class, QaCommand.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> c : SUBCOMMANDS) {
            cli.addSubcommand(c);
        }
        return cli;
    }

    /**
     * The command line to execute {@code args} with: only the named subcommand when the first
     * argument that is not an option names one (the top command has no option taking a value,
     * so that argument is the subcommand), otherwise {@link #commandLine()}.
     */
    static CommandLine commandLine(String... args) {
        Class<?> named = null;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                named = subcommandNamed(arg);
                break;
            }
        }
        if (named == null) {
            return commandLine();
        }
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(named);
        return cli;
    }

    /** The subcommand class whose {@code @Command} name is {@code name}, or null. */
    static Class<?> subcommandNamed(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
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
