package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.store.StateStore;
import org.qanode.testing.Samples;
import org.qanode.testing.SinkFeeder;
import picocli.CommandLine;

/**
 * The CLI and the node agree on where the data is: with {@code serve} running on a data
 * directory, read-only commands go through its REST API and print what they print offline;
 * commands that need the directory alone, and a second {@code serve}, say in one line which
 * node holds it, before anything on disk changes. Read-only commands never create a store.
 */
class CliWithNodeTest {
    private static final Pattern READY = Pattern.compile("qanode ready: DICOM \\S+ on port (\\d+), REST API on (\\S+),");
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;
    Path data;
    private Process node;
    private RunningNode inProcess;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void fill() throws Exception {
        data = dir.resolve("var");
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            send(store, "pre", Samples.get("rtplan/pps_aria13_fif_static_mlc.dcm"));
            send(store, "pre", Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
            send(store, "post", Samples.get("rtplan/pps_aria13_fif_static_mlc.dcm"));
        }
        ConfigOptions.environment = Map::of;
    }

    @AfterEach
    void stop() throws Exception {
        ConfigOptions.environment = System::getenv;
        if (inProcess != null) {
            inProcess.close();
        }
        if (node != null) {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A real serve process with a token; the CLI (this JVM) finds it by node.json and asks its REST API. */
    @Test
    void readOnlyCommandsGoThroughTheRunningNodeWithItsToken() throws Exception {
        List<String[]> readOnly = List.of(new String[] {"store", "list"}, new String[] {"store", "show", "pre"},
                new String[] {"compare", "pre", "post", "--format", "csv"}, new String[] {"compare", "pre", "pre", "--format", "csv"},
                new String[] {"rt-summary", "--state", "pre"}, new String[] {"store", "show", "nope"});
        List<Run> offline = new ArrayList<>();
        for (String[] args : readOnly) {
            offline.add(cli(args));
        }
        assertThat(offline.get(0).code()).isZero();
        assertThat(offline.get(2).code()).isEqualTo(1);
        assertThat(offline.get(3).code()).isZero();
        assertThat(offline.get(4).out()).contains("plan Plano1_FiF").doesNotContain("Exception");

        startNodeProcess(Map.of("QANODE_HTTP_TOKEN", TOKEN));
        assertThat(data.resolve("node.json")).exists();
        ConfigOptions.environment = () -> Map.of("QANODE_HTTP_TOKEN", TOKEN);
        for (int i = 0; i < readOnly.size(); i++) {
            Run online = cli(readOnly.get(i));
            assertThat(online).as(String.join(" ", readOnly.get(i))).isEqualTo(offline.get(i));
        }

        Run delete = cli("store", "delete", "pre");
        assertThat(delete.code()).isEqualTo(1);
        assertThat(delete.out()).isEmpty();
        assertThat(delete.err().lines()).singleElement().asString()
                .startsWith("qanode store: data directory " + data.toAbsolutePath() + " is in use by a running qanode serve (pid "
                        + node.pid() + ", DICOM port ")
                .contains("REST API http://");
        assertThat(cli("store", "verify", "--repair").err()).contains("pid " + node.pid());

        ConfigOptions.environment = Map::of;
        Run noToken = cli("store", "list");
        assertThat(noToken.code()).isEqualTo(1);
        assertThat(noToken.err().lines()).singleElement().asString().contains("401").contains("QANODE_HTTP_TOKEN");

        // a second serve on the held directory: one line, nothing on disk changed
        List<String> before = listing(data);
        String nodeJson = Files.readString(data.resolve("node.json"));
        Run second = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> cli("serve", "--data-dir", data.toString(), "--dicom-port", "0", "--http-port", "0"));
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err().lines()).singleElement().asString()
                .isEqualTo("qanode serve: data directory " + data.toAbsolutePath() + " is in use by a running qanode serve"
                        + " (pid " + node.pid() + ", " + second.err().split(", ", 2)[1].strip());
        assertThat(listing(data)).isEqualTo(before);
        assertThat(Files.readString(data.resolve("node.json"))).isEqualTo(nodeJson);

        node.destroy(); // SIGTERM: orderly exit removes node.json
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("node.json")).doesNotExist();
        assertThat(cli("store", "list")).isEqualTo(offline.get(0));
    }

    /** A node in this JVM without a token: the same, through the REST API. */
    @Test
    void anInProcessNodeWithoutTokenIsUsedToo() throws Exception {
        Run offline = cli("store", "list");
        inProcess = RunningNode.start(ConfigLoader.load(null, Map.of(),
                Map.of("storage.dataDir", data.toString(), "dicom.port", "0", "http.port", "0", "dicom.warmUpObjects", "0")));
        assertThat(cli("store", "list")).isEqualTo(offline);
        Run compare = cli("compare", "pre", "post", "--format", "csv");
        assertThat(compare.code()).isEqualTo(1);
        assertThat(compare.out()).contains("ONLY_IN_BASELINE");
        Run export = cli("export", "--from", "ARIA", "--state", "x", "--patient", "1");
        assertThat(export.code()).isEqualTo(2);
    }

    /** A file left by a killed node (lock free) is ignored. */
    @Test
    void aStaleNodeFileIsIgnored() throws Exception {
        Files.writeString(data.resolve("node.json"), "{\"pid\": 999999, \"dicomPort\": 1, \"httpUrl\": \"http://127.0.0.1:1\"}");
        Run r = cli("store", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("pre");
    }

    @Test
    void serveOnAPortInUseSaysSoBeforeCreatingAnything() throws Exception {
        Path fresh = dir.resolve("fresh");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> cli("serve", "--data-dir", fresh.toString(), "--dicom-port", Integer.toString(port), "--http-port", "0"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("qanode serve: cannot start: DICOM port " + port + " on 0.0.0.0 (dicom.port) is already in use"
                    + System.lineSeparator());
            Run http = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> cli("serve", "--data-dir", fresh.toString(), "--dicom-port", "0", "--http-port", Integer.toString(port)));
            assertThat(http.code()).isEqualTo(1);
            assertThat(http.err()).contains("HTTP port " + port).contains("http.port").hasLineCount(1);
        }
        assertThat(fresh).doesNotExist();
    }

    @Test
    void readOnlyCommandsOnAMissingDirectoryCreateNothing() {
        Path missing = dir.resolve("nowhere");
        for (String[] args : List.of(new String[] {"store", "list"}, new String[] {"store", "show", "pre"},
                new String[] {"store", "verify"}, new String[] {"store", "delete", "pre"},
                new String[] {"compare", "pre", "post"}, new String[] {"rt-summary", "--state", "pre"})) {
            String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", missing.toString())).toArray(String[]::new);
            Run r = cli(all);
            assertThat(r.code()).as(String.join(" ", args)).isNotZero();
            assertThat(r.err().lines()).as(String.join(" ", args)).singleElement().asString()
                    .contains(missing.toAbsolutePath().toString());
            assertThat(missing).as(String.join(" ", args)).doesNotExist();
        }
        // a data directory without an index: also not a store, and none is made
        Path empty = dir.resolve("empty");
        assertThat(empty.toFile().mkdir()).isTrue();
        Run r = cli("store", "list", "--data-dir", empty.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no store in " + empty.toAbsolutePath());
        assertThat(empty.toFile().list()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a command in this JVM with the store of {@link #data} unless it names its own. */
    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--data-dir") && !args[0].equals("serve")) {
            all.add("--data-dir");
            all.add(data.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            code = cl.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out + sysOut.toString(StandardCharsets.UTF_8), err + sysErr.toString(StandardCharsets.UTF_8));
    }

    private void startNodeProcess(Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("qanode.yml"), "dicom: {port: 0, warmUpObjects: 0}\nhttp: {port: 0}\nstorage: {dataDir: \"%s\"}\n"
                .formatted(data.toString().replace("\\", "/")));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("node.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlogback.configurationFile=" + Path.of("etc/logback.xml").toAbsolutePath(), "-cp", cp,
                "org.qanode.app.Main", "serve", "--config", dir.resolve("qanode.yml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        node = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                return;
            }
            if (!node.isAlive()) {
                throw new AssertionError("qanode serve exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("qanode serve not ready: " + Files.readString(log));
    }

    /**
     * Names and sizes of everything under {@code root} but the index files the running node may
     * write to and the spare staging files it may be making ({@code .spare-*.part}).
     */
    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("index."))
                    .filter(p -> !p.getFileName().toString().startsWith(".spare-"))
                    .map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + p.toFile().length() : "")).sorted().toList();
        }
    }

    private static void send(StateStore store, String state, Path sample) throws Exception {
        assertThat(SinkFeeder.sendFile(new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle()), sample, "ROIS", state)).isEqualTo(DimseStatus.SUCCESS);
    }
}
