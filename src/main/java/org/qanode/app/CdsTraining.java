package org.qanode.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Build-time training run for the launcher's class-data-sharing archive, not a user command.
 * {@code mvn package} runs it with {@code -XX:DumpLoadedClassList}: the classes it loads (picocli,
 * the reader, the dump formatter, the comparator with its YAML profile and text report) become
 * {@code lib/qanode.classlist}, from which {@code bin/qanode} dumps a CDS archive for the
 * installation (see docs/performance.md). The commands go through {@link Main#commandLine(String...)}
 * so the list holds exactly what a real start loads.
 *
 * <p>Arguments: a hex dump of a Part 10 file (test-data/golden/*.hex: '#' comment lines, then
 * hex bytes) and a scratch directory. Fails (exit 1) if a command does, so a broken training
 * run cannot silently produce a list that misses the code paths it should cover.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CdsTraining PLAN.hex WORK_DIR");
            System.exit(2);
        }
        String hex = Files.readAllLines(Path.of(args[0]), StandardCharsets.US_ASCII).stream()
                .filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining())
                .replaceAll("\\s+", "");
        byte[] plan = HexFormat.of().parseHex(hex);
        Path work = Path.of(args[1]);
        Path baseline = Files.createDirectories(work.resolve("baseline"));
        Path candidate = Files.createDirectories(work.resolve("candidate"));
        Files.write(baseline.resolve("plan.dcm"), plan);
        Files.write(candidate.resolve("plan.dcm"), plan);

        run("dump", baseline.resolve("plan.dcm").toString());
        run("dump", "--json", baseline.resolve("plan.dcm").toString());
        run("compare", baseline.toString(), candidate.toString(), "--out", work.resolve("report.txt").toString());
    }

    private static void run(String... args) {
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        picocli.CommandLine cli = Main.commandLine(args);
        cli.setOut(discard);
        cli.setErr(new PrintWriter(System.err, true));
        int code = cli.execute(args);
        if (code != 0) {
            System.err.println("CDS training: qanode " + String.join(" ", args) + " exited " + code);
            System.exit(1);
        }
    }
}
