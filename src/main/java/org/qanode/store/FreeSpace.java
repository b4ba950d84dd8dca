package org.qanode.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free-space watermark ({@code storage.minFreeBytes}) of the data directory's volume. Below
 * it the store refuses new objects before their bytes arrive, so the disk never fills in the
 * middle of a transfer or of an index commit: on a full disk embedded H2 closes its database,
 * and every later C-STORE would fail until someone restarts the node. The free space is read
 * afresh (one statvfs) for each object and every {@link #CHECK_EVERY} bytes received, so storing
 * resumes by itself once space returns.
 */
final class FreeSpace {
    private static final Logger LOG = LoggerFactory.getLogger(FreeSpace.class);
    /** {@code storage.minFreeBytes} not set: the larger of 1 GiB and 2 % of the volume. */
    static final long DEFAULT = -1;
    static final long DEFAULT_FLOOR = 1L << 30;
    static final int DEFAULT_PERCENT = 2;
    /** How many bytes of one transfer may be written between two looks at the free space. */
    static final long CHECK_EVERY = 4L << 20;

    private final Path dir;
    private final FileStore volume;
    private final long minFreeBytes;
    private final AtomicBoolean below = new AtomicBoolean();

    private FreeSpace(Path dir, FileStore volume, long minFreeBytes) {
        this.dir = dir;
        this.volume = volume;
        this.minFreeBytes = minFreeBytes;
    }

    /** @param configured bytes, 0 to disable, {@link #DEFAULT} for the default */
    static FreeSpace of(Path dir, long configured) throws IOException {
        FileStore volume = Files.getFileStore(dir);
        long min = configured >= 0 ? configured
                : Math.max(DEFAULT_FLOOR, volume.getTotalSpace() / 100 * DEFAULT_PERCENT);
        return new FreeSpace(dir, volume, min);
    }

    long minFreeBytes() {
        return minFreeBytes;
    }

    /**
     * Null while there is room, else why not (for the refusal and for readiness). Logs the change
     * both ways once, not once per refused object.
     */
    String shortfall() {
        if (minFreeBytes <= 0) {
            return null;
        }
        long usable;
        try {
            usable = volume.getUsableSpace();
        } catch (IOException e) {
            usable = 0;
        }
        boolean low = usable < minFreeBytes;
        if (below.compareAndSet(!low, low)) {
            if (low) {
                LOG.warn("free space on {} is {}, below storage.minFreeBytes {}: new objects are refused (A700) "
                        + "until space returns", dir, bytes(usable), bytes(minFreeBytes));
            } else {
                LOG.info("free space on {} is {} again (storage.minFreeBytes {}): storing resumes", dir, bytes(usable),
                        bytes(minFreeBytes));
            }
        }
        return low ? "free space " + bytes(usable) + " below storage.minFreeBytes " + bytes(minFreeBytes) : null;
    }

    static String bytes(long n) {
        if (n < 1024 * 1024) {
            return n + " bytes";
        }
        return n >= 1L << 30 ? String.format("%.1f GiB", n / (double) (1L << 30))
                : String.format("%.1f MiB", n / (double) (1L << 20));
    }
}
