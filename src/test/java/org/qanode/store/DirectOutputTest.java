package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;

/**
 * A large object's file written around the page cache (issue 16, step 10): the file holds
 * exactly the bytes written, without padding, whatever the pieces and wherever a flush came;
 * whole blocks go out directly where the file system allows it; a direct write that fails is
 * made good through the ordinary channel; {@code close} waits for a write still on the device;
 * and the file's lock outlives the second descriptor, as {@code store verify} relies on.
 */
class DirectOutputTest {
    private static final int BUFFER = DirectOutput.BUFFER;

    @TempDir
    Path dir;

    @Test
    void theFileHoldsExactlyTheBytesWrittenAroundEveryBoundary() throws Exception {
        int block = blockSize();
        Random random = new Random(10);
        for (int size : new int[] {0, 1, block - 1, block, block + 1, BUFFER - 1, BUFFER, BUFFER + 1,
                3 * BUFFER + 12_345}) {
            byte[] content = bytes(random, size);
            Path f = Files.createTempFile(dir, "direct", ".part");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                DirectOutput out = DirectOutput.open(f, ch);
                assumeTrue(out != null, "the temporary folder's file system has direct writes");
                writeInPieces(out, content, random, false);
                out.flush();
                assertThat(Files.readAllBytes(f)).as("%d bytes", size).isEqualTo(content);
                // whole blocks went directly, only the last partial one through the page cache
                assertThat(out.directBytes()).as("%d bytes", size).isEqualTo((long) size / block * block);
                out.close();
            }
        }
    }

    @Test
    void flushesAnywhereLeaveTheFileWholeAndUnpadded() throws Exception {
        blockSize();
        Random random = new Random(11);
        for (int round = 0; round < 12; round++) {
            byte[] content = bytes(random, random.nextInt(3 * BUFFER));
            Path f = Files.createTempFile(dir, "direct", ".part");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                DirectOutput out = DirectOutput.open(f, ch);
                assumeTrue(out != null, "the temporary folder's file system has direct writes");
                writeInPieces(out, content, random, true);
                out.flush();
                out.flush();
                assertThat(Files.readAllBytes(f)).as("round %d, %d bytes", round, content.length).isEqualTo(content);
                out.close();
            }
        }
    }

    @Test
    void aDirectWriteThatFailsIsMadeGoodThroughTheOrdinaryChannel() throws Exception {
        Random random = new Random(12);
        byte[] content = bytes(random, 2 * BUFFER + 777);
        Path f = Files.createTempFile(dir, "direct", ".part");
        // a descriptor every write to fails, as a file system that opens O_DIRECT and refuses the write
        FileChannel refusing = FileChannel.open(f, StandardOpenOption.WRITE);
        refusing.close();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            DirectOutput out = new DirectOutput(f, refusing, ch, 4096);
            writeInPieces(out, content, random, false);
            out.flush();
            assertThat(Files.readAllBytes(f)).isEqualTo(content);
            assertThat(out.directBytes()).isZero();
            out.close();
        }
    }

    @Test
    void whenNeitherWayCanWriteTheCallerHearsOfIt() throws Exception {
        Random random = new Random(16);
        Path f = Files.createTempFile(dir, "direct", ".part");
        FileChannel refusing = FileChannel.open(f, StandardOpenOption.WRITE);
        refusing.close();
        FileChannel alsoRefusing = FileChannel.open(f, StandardOpenOption.WRITE);
        alsoRefusing.close();
        // as a full disk: the writes run on a writer thread, their failure must still come back
        DirectOutput out = new DirectOutput(f, refusing, alsoRefusing, 4096);
        assertThatThrownBy(() -> {
            out.write(ByteBuffer.wrap(bytes(random, 3 * BUFFER)));
            out.flush();
        }).isInstanceOf(IOException.class);
        out.close();
        // the buffers went back clean: the next file is whole
        aDirectWriteThatFailsIsMadeGoodThroughTheOrdinaryChannel();
    }

    /**
     * {@code close} may give the buffers back to the pool, for another file to fill, only once
     * the write in flight has read them: on a slow device a buffer handed back early would put
     * another object's bytes into this file. Interrupts do not cut the wait short.
     */
    @Test
    void closeWaitsForTheWriteInFlightEvenWhenInterrupted() throws Exception {
        Random random = new Random(20);
        byte[] content = bytes(random, BUFFER + 4096);
        Path f = Files.createTempFile(dir, "direct", ".part");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch device = new CountDownLatch(1);
        AtomicBoolean written = new AtomicBoolean();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE);
                FileChannel slow = new SlowDevice(FileChannel.open(f, StandardOpenOption.WRITE), entered, device, written)) {
            DirectOutput out = new DirectOutput(f, slow, ch, 4096);
            try {
                closeWhileTheDeviceHoldsTheBuffer(out, content, f, entered, device, written);
            } finally {
                // a failed assertion must not leave the writer thread waiting for good
                device.countDown();
            }
        }
    }

    private static void closeWhileTheDeviceHoldsTheBuffer(DirectOutput out, byte[] content, Path f,
            CountDownLatch entered, CountDownLatch device, AtomicBoolean written) throws Exception {
        out.write(ByteBuffer.wrap(content));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the full buffer went to a writer thread").isTrue();

        AtomicBoolean writtenWhenClosed = new AtomicBoolean();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            out.close();
            writtenWhenClosed.set(written.get());
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("close returned while the device still had the buffer").isTrue();
        closer.interrupt();
        closer.join(300);
        assertThat(closer.isAlive()).as("an interrupt cut close's wait short").isTrue();

        device.countDown();
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(writtenWhenClosed).isTrue();
        assertThat(interruptKept).isTrue();
        assertThat(Arrays.copyOf(Files.readAllBytes(f), BUFFER)).isEqualTo(Arrays.copyOf(content, BUFFER));
    }

    @Test
    void aLargeObjectGoesDirectlyThroughItsDurableFileAndAHeldOneDoesNot() throws Exception {
        blockSize();
        Random random = new Random(13);
        for (int size : new int[] {1000, (int) CommitJournal.INLINE_MAX, 5 * BUFFER + 3}) {
            byte[] content = bytes(random, size);
            DurableFile file = new DurableFile(dir.resolve("x" + size + ".dcm"), fileMeta(), (int) CommitJournal.INLINE_MAX);
            writeDataset(file, content, random);
            file.commit();
            byte[] written = Files.readAllBytes(file.destination());
            assertThat(file.datasetBytes()).isEqualTo(size);
            assertThat(Arrays.copyOfRange(written, written.length - size, written.length)).isEqualTo(content);
            if (written.length > CommitJournal.INLINE_MAX) {
                assertThat(file.directBytes()).as("%d bytes: beyond what is held", size).isPositive();
            } else {
                assertThat(file.directBytes()).as("%d bytes: held whole", size).isZero();
            }
        }
        // the plain file SCP's (qanode storescp) files too
        byte[] content = bytes(random, 3 * BUFFER);
        DurableFile file = new DurableFile(dir.resolve("scp.dcm"), fileMeta());
        writeDataset(file, content, random);
        file.commit();
        byte[] written = Files.readAllBytes(file.destination());
        assertThat(Arrays.copyOfRange(written, written.length - content.length, written.length)).isEqualTo(content);
        assertThat(file.directBytes()).isPositive();
    }

    @Test
    void theFileStaysLockedForOtherProcessesUntilItsChannelCloses() throws Exception {
        blockSize();
        Random random = new Random(14);
        DurableFile file = new DurableFile(dir.resolve("locked.dcm"), fileMeta(), (int) CommitJournal.INLINE_MAX);
        writeDataset(file, bytes(random, 3 * BUFFER), random);
        file.force();
        assertThat(file.directBytes()).isPositive();
        assertThat(lockableFromAnotherProcess(file.temp())).as("fsynced, not yet filed: a live transfer").isFalse();
        Path temp = file.temp();
        Path kept = dir.resolve("kept");
        Files.createLink(kept, temp);
        file.release();
        assertThat(lockableFromAnotherProcess(kept)).as("released: the lock is gone with the channel").isTrue();
    }

    @Test
    void theStoreWritesLargeObjectsDirectlyUnlessTold() throws Exception {
        blockSize();
        Random random = new Random(15);
        for (boolean direct : new boolean[] {true, false}) {
            Path data = dir.resolve("data-" + direct);
            try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data.resolve("index")), 0, direct)) {
                byte[] content = bytes(random, 3 * BUFFER);
                IncomingObject incoming = store.begin(new Arrival("1.2.840.10008.5.1.4.1.1.481.1",
                        "1.2.3.4." + (direct ? 1 : 2), "1.2.840.10008.1.2.1", "ROIS", "ROIS@127.0.0.1"), "pre");
                int at = 0;
                while (at < content.length) {
                    int n = Math.min(16_384, content.length - at);
                    incoming.write(ByteBuffer.wrap(content, at, n));
                    at += n;
                }
                long directBytes = incoming.directBytes();
                incoming.commit();
                InstanceRecord r = store.listInstances("pre", InstanceQuery.all()).items().get(0);
                byte[] file = Files.readAllBytes(store.resolve(r));
                assertThat(Arrays.copyOfRange(file, file.length - content.length, file.length)).isEqualTo(content);
                if (direct) {
                    assertThat(directBytes).as("storage.directWrites true").isPositive();
                } else {
                    assertThat(directBytes).as("storage.directWrites false").isZero();
                }
            }
        }
    }

    /** Whether a process other than this JVM gets an exclusive POSIX lock on {@code f} now. */
    private static boolean lockableFromAnotherProcess(Path f) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl,sys\nf=open(sys.argv[1],'r+b')\ntry:\n fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                        + "except OSError:\n sys.exit(3)\n",
                f.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(said).isIn(0, 3);
        return p.exitValue() == 0;
    }

    private static void writeDataset(DurableFile file, byte[] content, Random random) throws Exception {
        int at = 0;
        while (at < content.length) {
            int n = Math.min(1 + random.nextInt(40_000), content.length - at);
            ByteBuffer b = ByteBuffer.allocateDirect(n);
            b.put(content, at, n).flip();
            file.write(b);
            at += n;
        }
    }

    private static Dataset fileMeta() {
        Dataset ds = new Dataset();
        ds.setBytes(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.5".getBytes());
        ds.setBytes(Tags.SOPInstanceUID, VR.UI, "1.2.3.4".getBytes());
        return DicomWriter.createFileMetaInformation(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);
    }

    /** In random pieces, heap and direct, some larger than the buffer; flushing now and then if asked. */
    private static void writeInPieces(DirectOutput out, byte[] content, Random random, boolean flushes)
            throws Exception {
        int at = 0;
        while (at < content.length) {
            int piece = random.nextInt(6) == 0 ? random.nextInt(2 * BUFFER) : random.nextInt(20_000);
            int n = Math.min(Math.max(piece, 1), content.length - at);
            ByteBuffer b;
            if (random.nextBoolean()) {
                b = ByteBuffer.wrap(content, at, n);
            } else {
                b = ByteBuffer.allocateDirect(n + 9);
                b.position(9);
                b.put(content, at, n);
                b.flip().position(9);
            }
            out.write(b);
            assertThat(b.hasRemaining()).isFalse();
            at += n;
            if (flushes && random.nextInt(5) == 0) {
                out.flush();
            }
        }
    }

    /** The temporary folder's block size; skips where its file system has no direct writes. */
    private int blockSize() {
        int block = DirectOutput.blockSize(dir);
        assumeTrue(block > 0, "the temporary folder's file system has direct writes");
        return block;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /**
     * A descriptor whose positional writes wait for {@code device} (a slow disk), saying when one
     * has started and when it is done; everything else goes to {@code file}.
     */
    private static final class SlowDevice extends FileChannel {
        private final FileChannel file;
        private final CountDownLatch entered;
        private final CountDownLatch device;
        private final AtomicBoolean written;

        SlowDevice(FileChannel file, CountDownLatch entered, CountDownLatch device, AtomicBoolean written) {
            this.file = file;
            this.entered = entered;
            this.device = device;
            this.written = written;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            entered.countDown();
            try {
                device.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            int n = file.write(src, position);
            written.set(true);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
