package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main registers only the subcommand being run (start-up time), and all of them otherwise. */
class MainTest {
    private static final String[] ALL = {"serve", "storescp", "echo", "send", "export", "sweep", "compare", "rt-summary",
            "store", "user", "dump", "selftest", "qa"};

    @Test
    void aNamedSubcommandIsTheOnlyOneRegistered() {
        assertThat(Main.commandLine("dump", "--max-value-length", "10", "a.dcm").getSubcommands()).containsOnlyKeys("dump");
        assertThat(Main.commandLine("-h", "compare").getSubcommands()).containsOnlyKeys("compare");
        assertThat(Main.commandLine("store", "list").getSubcommands()).containsOnlyKeys("store");
        assertThat(Main.commandLine("selftest").getSubcommands()).containsOnlyKeys("selftest");
        assertThat(Main.commandLine("store", "list").getSubcommands().get("store").getSubcommands())
                .containsOnlyKeys("list", "show", "delete", "verify");
    }

    @Test
    void withoutAKnownSubcommandEveryOneIsRegisteredInUsageOrder() {
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine(new String[0]).getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("--help").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("dumb", "x").getSubcommands().keySet()).containsExactly(ALL);
    }

    @Test
    void aTypoStillGetsASuggestion() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine("dumb");
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("dumb")).isEqualTo(2);
        assertThat(err.toString()).contains("dump");
    }
}
