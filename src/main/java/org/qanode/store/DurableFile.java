package org.qanode.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.DicomWriter;

/**
 * A received object written as a Part 10 file the durable way: into a temporary file in the
 * destination folder, fsync, atomic rename, fsync of the folder. Only after {@link #commit}
 * returns does the file exist under its name; anything that fails on the way deletes the
 * temporary file, so no partial file is left.
 */
public class DurableFile {
    /** Names of temporary files: {@code .incoming-<random>.part}. */
    static final String TEMP_PREFIX = ".incoming-";
    static final String TEMP_SUFFIX = ".part";
    private final Path destination;
    private final Path temp;
    private final FileChannel channel;
    private final HeldOutput out;
    /** Where the data set starts: preamble and file meta information come first. */
    private final long datasetStart;
    private boolean done;

    /**
     * Creates the temporary file and writes preamble and file meta information (PS3.10 7.1). A
     * file of up to 1 MiB goes out in one write at {@link #commit}; a larger one is written
     * around the page cache from then on ({@link DirectOutput}), as the state store's are.
     */
    public DurableFile(Path destination, Dataset fileMeta) throws IOException {
        this(destination, fileMeta, (int) CommitJournal.INLINE_MAX);
    }

    /**
     * Also keeps the whole file in memory while it is at most {@code holdMax} bytes
     * ({@link #heldFile}); a typical RT object then goes out in one write at {@link #flush}.
     */
    DurableFile(Path destination, Dataset fileMeta, int holdMax) throws IOException {
        this(destination, fileMeta, holdMax, null);
    }

    /**
     * As {@link #DurableFile(Path, Dataset, int)}, into {@code spare} (a temporary file made
     * ahead in the destination's folder, {@link SpareFiles}) when not null.
     */
    DurableFile(Path destination, Dataset fileMeta, int holdMax, Staged spare) throws IOException {
        this(destination, fileMeta, holdMax, spare, true);
    }

    /** {@code directWrites} false: written through the page cache whatever its size. */
    DurableFile(Path destination, Dataset fileMeta, int holdMax, Staged spare, boolean directWrites)
            throws IOException {
        this.destination = destination;
        Staged staged = spare;
        if (staged == null) {
            Path dir = destination.getParent();
            if (!Files.isDirectory(dir)) {
                FileModes.createDirectories(dir);
            }
            staged = Staged.create(dir);
        }
        this.temp = staged.temp();
        this.channel = staged.channel();
        try {
            this.out = new HeldOutput(channel, directWrites ? temp : null, holdMax);
            DicomWriter.writePreambleAndMeta(out, fileMeta);
            this.datasetStart = out.size();
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /**
     * A new, empty temporary file ({@code .incoming-<random>.part}), open for writing, with its
     * mode set and its lock taken ({@link #lockWhileWriting}). Creating a file is the costly step
     * on some file systems (0.35-0.4 ms on the test VM's ext4 without a journal, right after many
     * deletions, against 0.08 ms otherwise; a round trip on NFS), so the store makes a few ahead.
     */
    record Staged(Path temp, FileChannel channel) {
        static Staged create(Path dir) throws IOException {
            return create(dir, TEMP_PREFIX);
        }

        /** Named {@code <prefix><random>.part}. */
        static Staged create(Path dir, String prefix) throws IOException {
            FileChannel ch = null;
            Path t = null;
            for (int attempt = 0; ch == null; attempt++) {
                t = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                        + TEMP_SUFFIX);
                try {
                    // one open that creates: no second open as after Files.createTempFile
                    ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    if (attempt > 100) {
                        throw taken;
                    }
                }
            }
            try {
                FileModes.file(t);
                lockWhileWriting(ch);
                return new Staged(t, ch);
            } catch (IOException | RuntimeException e) {
                discard(t, ch);
                throw e;
            }
        }

        /** Closes and deletes it (a spare not used). */
        void discard() {
            discard(temp, channel);
        }

        private static void discard(Path temp, FileChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next; a close failure changes nothing
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more can be done; the .part name marks it as incomplete
            }
        }
    }

    /**
     * Marks the temporary file as being written: an exclusive lock, held until the channel
     * closes. The operating system drops it when the process dies (kill -9, power loss), so
     * {@code store verify} can tell the {@code .part} of a live transfer from a leftover at any
     * age ({@link #isLeftover}). Where locks are not supported, verify falls back to the file's age.
     */
    private static void lockWhileWriting(FileChannel channel) {
        try {
            channel.tryLock();
        } catch (IOException | RuntimeException ignored) {
            // no lock: verify judges this file by its age
        }
    }

    /**
     * Whether a {@code .part} file belongs to no live transfer: no process holds its lock. Null
     * when that cannot be told (locks unsupported); gone files are not leftovers. Deleting it
     * ({@code delete}) happens under the lock, so a live writer's file is never removed. Checking
     * from the writing process itself sees its lock (overlap) but, by POSIX rules, closing this
     * channel drops that process's lock for other processes: run verify from another process, as
     * {@code qanode store verify} does.
     */
    static Boolean isLeftover(Path part, boolean delete) {
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            if (delete) {
                Files.deleteIfExists(part);
            }
            return true;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Data set bytes, in the order received: {@code data}'s remaining bytes, which may be in
     * direct memory (the network's buffer, written to the file without a copy into the heap).
     * Leaves {@code data}'s position at its limit.
     */
    public void write(ByteBuffer data) throws IOException {
        out.write(data);
    }

    /**
     * Flushes and fsyncs the temporary file, which keeps its name ({@link #temp()}) and its lock
     * until {@link #release}: the state store moves it into place itself ({@link CommitPipeline}),
     * so the rename and directory fsync of {@link #commit} would be one rename and one fsync too
     * many. On failure the temporary file is deleted.
     */
    public void force() throws IOException {
        try {
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    /**
     * Writes what is buffered to the temporary file without fsyncing it: for an object the
     * store's journal holds whole ({@link CommitJournal#INLINE_MAX}). On failure the temporary
     * file is deleted.
     */
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    /**
     * After {@link #flush}: the whole file (preamble, meta and data set) if it fitted in what the
     * constructor was told to hold, else null. Not a copy; valid until the file is released.
     */
    ByteBuffer heldFile() {
        return out.held();
    }

    /** Fsyncs a file that may have gone since (moved over, its state deleted). */
    static void fsyncIfPresent(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing left to make durable
        }
    }

    /** After {@link #force} or {@link #flush}: the temporary file, still under its {@code .part} name. */
    Path temp() {
        return temp;
    }

    /**
     * After {@link #force} and the file was moved away (or deleted): drops the channel and its
     * lock. Idempotent; deletes the temporary file if it is still there (not filed).
     */
    void release() {
        abort();
    }

    /**
     * After the store moved the temporary file into place or deleted it: drops the channel and
     * its lock, without looking for the file again. Idempotent.
     */
    void closeFiled() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // written, fsynced where needed and filed: a failing close changes none of that
        }
        out.close();
    }

    /** Flushes, fsyncs and renames into place; on failure nothing is left behind. */
    public void commit() throws IOException {
        try {
            out.flush();
            channel.force(true);
            channel.close();
            out.close();
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Filing.fsyncDirectory(destination.getParent());
            done = true;
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    /** The object will not complete: deletes the temporary file. Idempotent. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        Staged.discard(temp, channel);
        // after the channel: its lock lasts until the file is gone (DirectOutput)
        out.close();
    }

    public Path destination() {
        return destination;
    }

    /** Bytes that went to the file around the page cache ({@link DirectOutput}). */
    long directBytes() {
        return out.directBytes();
    }

    /** Number of data set bytes received (without preamble and meta). */
    public long datasetBytes() {
        return out.size() - datasetStart;
    }
}
