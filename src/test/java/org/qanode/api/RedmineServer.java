package org.qanode.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.qanode.testing.ExternalTools;

/**
 * Debian's Redmine (packages redmine, redmine-sqlite; see .ci/run), started by
 * src/test/scripts/redmine.sh on a free port with a project of its own (the instance database is
 * shared by runs on this machine): the REST API enabled, the admin's API key read back.
 */
final class RedmineServer implements AutoCloseable {
    static final Path REDMINE = Paths.get("/usr/share/redmine/Gemfile");

    final int port;
    final String project;
    final String apiKey;
    private final Process process;

    private RedmineServer(int port, String project, String apiKey, Process process) {
        this.port = port;
        this.project = project;
        this.apiKey = apiKey;
        this.process = process;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static RedmineServer start() throws Exception {
        ExternalTools.require(REDMINE, "redmine (Debian packages redmine and redmine-sqlite, see .ci/run)");
        int port = freePort();
        String project = "qanode-" + HexFormat.of().formatHex(java.security.SecureRandom.getInstanceStrong()
                .generateSeed(4));
        ProcessBuilder pb = new ProcessBuilder("bash", "src/test/scripts/redmine.sh", Integer.toString(port), project)
                .redirectError(Paths.get("target", "redmine-" + port + ".log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        CompletableFuture<String> key = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("API_KEY=")) {
                        key.complete(line.substring("API_KEY=".length()).strip());
                    }
                }
            } catch (IOException e) {
                key.completeExceptionally(e);
            }
            key.completeExceptionally(new IllegalStateException("redmine.sh ended without an API key, see target/redmine-"
                    + port + ".log"));
        }, "redmine-stdout");
        reader.setDaemon(true);
        reader.start();
        RedmineServer server;
        try {
            server = new RedmineServer(port, project, key.get(240, TimeUnit.SECONDS), p);
            server.awaitUp(Duration.ofSeconds(240));
        } catch (Exception e) {
            stop(p);
            throw e;
        }
        return server;
    }

    private void awaitUp(Duration timeout) throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Redmine exited, see target/redmine-" + port + ".log");
            }
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url() + "/users/current.json"))
                        .header("X-Redmine-API-Key", apiKey).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Redmine did not answer within " + timeout);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
