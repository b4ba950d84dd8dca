package org.qanode.net.assoc;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs dcmtk tools for interop tests: missing tools skip locally but fail when CI=true. */
final class Dcmtk {
    record Result(int exitCode, String output) {
    }

    private Dcmtk() {
    }

    static void require(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                found = true;
                break;
            }
        }
        if (!found) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("dcmtk tool '" + tool + "' is required on CI but not on PATH");
            }
            Assumptions.assumeTrue(false, "dcmtk tool '" + tool + "' not on PATH");
        }
    }

    static ProcessBuilder builder(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // ARCHITECTURE.md: dcmtk leaves Nagle on unless told otherwise.
        pb.environment().put("TCP_NODELAY", "1");
        return pb;
    }

    static Result run(String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process p = builder(command).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
