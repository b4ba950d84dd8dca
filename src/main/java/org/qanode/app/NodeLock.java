package org.qanode.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * DATA_DIR/node.json: which {@code qanode serve} holds the data directory, and where to reach it.
 * The node holds an exclusive {@link FileLock} on the file while it runs and deletes it on an
 * orderly exit; the lock, not the file, says whether a node runs, so a file left by a killed node
 * (lock free) is ignored and overwritten. CLI commands look here first: read-only ones then go
 * through the node's REST API, the others say which node holds the directory. Looking never
 * creates anything.
 */
final class NodeLock implements AutoCloseable {
    static final String FILE = "node.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What node.json says. {@code httpUrl} is the REST API's base URL as the node itself reports it. */
    record Info(long pid, int dicomPort, int httpPort, String httpUrl, String startedAt, String dataDir) {
        /** "pid 1234, DICOM port 11112, REST API http://127.0.0.1:8080" */
        String describe() {
            if (httpUrl == null) {
                return "pid " + (pid > 0 ? pid : "unknown") + ", starting";
            }
            return "pid " + pid + ", DICOM port " + dicomPort + ", REST API " + httpUrl;
        }
    }

    /** The data directory is held by a running node: its message is the one line to print. */
    static final class HeldException extends Exception {
        private final transient Info info;

        HeldException(Path dataDir, Info info) {
            super("data directory " + dataDir.toAbsolutePath().normalize() + " is in use by a running qanode serve ("
                    + info.describe() + ")");
            this.info = info;
        }

        Info info() {
            return info;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private NodeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The node running on {@code dataDir}, if any; a missing directory or file, or a free lock, is none. */
    static Optional<Info> running(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(f, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (ch) {
            boolean held;
            try {
                FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
                held = probe == null;
                if (probe != null) {
                    probe.release();
                }
            } catch (OverlappingFileLockException e) {
                held = true; // held by a node in this very JVM (tests, or an in-process node)
            }
            return held ? Optional.of(read(f)) : Optional.empty();
        }
    }

    /** The held file's content; a node that has just taken the lock writes it a moment later. */
    private static Info read(Path f) throws IOException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            try {
                byte[] b = Files.readAllBytes(f);
                if (b.length > 0) {
                    return JSON.readValue(b, Info.class);
                }
            } catch (NoSuchFileException e) {
                break;
            } catch (IOException e) {
                // being written: try again
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Info(-1, 0, 0, null, null, f.getParent().toString());
    }

    /** Fails with the one line to print when a node runs on {@code dataDir}; changes nothing on disk. */
    static void requireFree(Path dataDir) throws IOException, HeldException {
        Optional<Info> node = running(dataDir);
        if (node.isPresent()) {
            throw new HeldException(dataDir, node.get());
        }
    }

    /**
     * Takes the data directory for this process (creating it when missing): the lock now, the
     * info with {@link #publish} once the node listens.
     */
    static NodeLock acquire(Path dataDir) throws IOException, HeldException {
        org.qanode.store.FileModes.createDirectories(dataDir);
        Path f = dataDir.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            org.qanode.store.FileModes.file(f); // data directory: 0640 files, 0750 directories
            // a CLI command probing with a shared lock holds it for a moment: try a few times
            for (int attempt = 0; attempt < 20; attempt++) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) {
                    ch.truncate(0);
                    return new NodeLock(f, ch, l);
                }
                Thread.sleep(25);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        ch.close();
        throw new HeldException(dataDir, read(f));
    }

    /** Writes what CLI commands need to reach this node. */
    void publish(int dicomPort, int httpPort, String httpUrl) throws IOException {
        Info info = new Info(ProcessHandle.current().pid(), dicomPort, httpPort, httpUrl, Instant.now().toString(),
                file.getParent().toAbsolutePath().normalize().toString());
        byte[] b = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(b), 0);
        channel.force(false);
    }

    /** Removes node.json and frees the lock (orderly exit). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file with a free lock is ignored by the next reader
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing frees the lock in any case
        }
    }
}
