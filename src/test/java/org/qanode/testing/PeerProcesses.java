package org.qanode.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes (dcmtk, Orthanc) that tests start on free loopback ports and always stop. */
public final class PeerProcesses {
    private PeerProcesses() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code command} with TCP_NODELAY=1 (ARCHITECTURE.md: dcmtk and Orthanc leave Nagle on
     * otherwise), its output into {@code log}.
     */
    public static Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TCP_NODELAY", "1");
        return pb.start();
    }

    /** Waits until something accepts TCP connections on {@code port}, or the process died. */
    public static void awaitListening(Process p, int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("process exited with " + p.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listening on " + port + " after " + timeoutMillis + " ms");
    }

    /** SIGTERM, then SIGKILL if it has not gone within 10 s. */
    public static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
