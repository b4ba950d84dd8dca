package org.qanode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dcmtk's dcmqrscp as a second Query/Retrieve SCP: a configuration file with one storage area
 * (AE title {@code aeTitle}, read-write) and the move destinations (AE title to host:port) in
 * its HostTable; loaded with storescu. TCP_NODELAY=1. Forks per association: dcmqrscp 3.6.7's
 * --single-process mode crashes after the first association ends.
 */
public final class DcmQrScpPeer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String aeTitle;
    private final Path log;

    private DcmQrScpPeer(Process process, int port, String aeTitle, Path log) {
        this.process = process;
        this.port = port;
        this.aeTitle = aeTitle;
        this.log = log;
    }

    /** {@code destinations}: entries "AE host port". */
    public static DcmQrScpPeer start(Path dir, String aeTitle, List<String> destinations) throws IOException {
        ExternalTools.requireExecutable("dcmqrscp", "dcmtk");
        ExternalTools.requireExecutable("storescu", "dcmtk");
        Path storage = dir.resolve("db");
        Files.createDirectories(storage);
        int port = FreePorts.next();
        StringBuilder cfg = new StringBuilder();
        cfg.append("NetworkTCPPort  = ").append(port).append('\n');
        cfg.append("MaxPDUSize      = 16384\nMaxAssociations = 16\n");
        cfg.append("HostTable BEGIN\n");
        int n = 0;
        for (String d : destinations) {
            String[] f = d.split(" ");
            cfg.append("dest").append(++n).append(" = (").append(f[0]).append(", ").append(f[1]).append(", ")
                    .append(f[2]).append(")\n");
        }
        cfg.append("HostTable END\nVendorTable BEGIN\nVendorTable END\nAETable BEGIN\n");
        cfg.append(aeTitle).append(' ').append(storage).append(" RW (500, 1024mb) ANY\n");
        cfg.append("AETable END\n");
        Path config = dir.resolve("dcmqrscp.cfg");
        Files.writeString(config, cfg);
        Path log = dir.resolve("dcmqrscp.log");
        ProcessBuilder pb = new ProcessBuilder("dcmqrscp", "-c", config.toString());
        pb.environment().put("TCP_NODELAY", "1");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        DcmQrScpPeer peer = new DcmQrScpPeer(pb.start(), port, aeTitle, log);
        peer.awaitUp();
        return peer;
    }

    private void awaitUp() throws IOException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IOException("dcmqrscp exited: " + Files.readString(log));
            }
            if (Dcmtk.run("echoscu", "-aec", aeTitle, "127.0.0.1", Integer.toString(port)).exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("dcmqrscp did not answer C-ECHO on port " + port);
    }

    public int port() {
        return port;
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** Loads files with storescu (-R: propose only the files' own classes). */
    public void load(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-R", "-aec", aeTitle, "127.0.0.1",
                Integer.toString(port)));
        files.forEach(f -> cmd.add(f.toString()));
        Dcmtk.Result r = Dcmtk.run(cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("storescu into dcmqrscp failed: " + r.stderr());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
