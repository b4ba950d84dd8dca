package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code qanode echo} with dcmtk's habits: -aet/-aec, the peer as AET@host:port, host:port or
 * host port, our AE title from the configuration, and one line for a refused connection or a
 * rejected association.
 */
class EchoCommandTest {
    @TempDir
    Path dir;
    private RunningNode node;
    private int port;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        ConfigOptions.environment = Map::of;
        node = RunningNode.start(ConfigLoader.load(null, Map.of(), Map.of("storage.dataDir", dir.resolve("var").toString(),
                "dicom.port", "0", "http.port", "0", "dicom.allowedCallingAeTitles", "ARIA,QA_SELF", "dicom.warmUpObjects", "0")));
        port = node.dicomPort();
    }

    @AfterEach
    void stop() {
        ConfigOptions.environment = System::getenv;
        node.close();
    }

    @Test
    void callingAeTitleDefaultsToTheConfiguredOne() throws Exception {
        Path cfg = Files.writeString(dir.resolve("qanode.yml"), "dicom: {aeTitle: QA_SELF}\n");
        Run r = echo("--config", cfg.toString(), "QANODE@127.0.0.1:" + port);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("C-ECHO QANODE@127.0.0.1:" + port + ": Success (0000) in ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void dcmtkOptionsAndHostPortAsTwoArguments() {
        Run ok = echo("-aet", "ARIA", "-aec", "QA_PRE", "127.0.0.1", Integer.toString(port));
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("C-ECHO QA_PRE@127.0.0.1:" + port + ": Success");
        assertThat(echo("--aet", "ARIA", "--aec", "QA_POST", "127.0.0.1:" + port).code()).isZero();

        Run rejected = echo("-aet", "NOBODY", "-aec", "QANODE", "127.0.0.1", Integer.toString(port));
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).isEqualTo("echo: association rejected by QANODE@127.0.0.1:" + port
                + ": permanent, service-user, calling AE title not recognized" + System.lineSeparator());

        Run unknownCalled = echo("-aet", "ARIA", "NOT_OURS@127.0.0.1:" + port);
        assertThat(unknownCalled.code()).isEqualTo(1);
        assertThat(unknownCalled.err()).isEqualTo("echo: association rejected by NOT_OURS@127.0.0.1:" + port
                + ": permanent, service-user, called AE title not recognized" + System.lineSeparator());

        Run conflicting = echo("-aec", "QA_PRE", "QA_POST@127.0.0.1:" + port);
        assertThat(conflicting.code()).isEqualTo(2);
        assertThat(conflicting.err()).contains("-aec QA_PRE and QA_POST@127.0.0.1:" + port);
        Run badTitle = echo("-aet", "ARIA", "SEVENTEEN_CHARS_A@127.0.0.1:" + port);
        assertThat(badTitle.code()).isEqualTo(2);
        assertThat(badTitle.err()).isEqualTo("echo: AE title 'SEVENTEEN_CHARS_A' is longer than 16 characters"
                + System.lineSeparator());
    }

    @Test
    void aClosedPortIsOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = echo("--timeout", "5", "127.0.0.1", Integer.toString(closed));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("echo: cannot connect to 127.0.0.1:" + closed + ": connection refused"
                + System.lineSeparator());
    }

    private static Run echo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EchoCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
