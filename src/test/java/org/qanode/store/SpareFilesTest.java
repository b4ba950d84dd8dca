package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.RtObjects;

/**
 * Staging files made ahead (issue 16: an object should not wait for its file's creation): they
 * are ready when the next object comes, look like a transfer's file (mode, lock), never outlive
 * their folder or the store, and a crash's leftovers go at the next start.
 */
class SpareFilesTest {
    @TempDir
    Path dir;

    @Test
    void afterAFirstTakeSparesAreMadeAndTheNextTakeGetsOne() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        try (SpareFiles spares = new SpareFiles()) {
            assertThat(spares.take(incoming)).as("none made yet").isNull();
            await("spares made", () -> spares.readyIn(incoming) == SpareFiles.PER_FOLDER);
            assertThat(spareFiles(incoming)).hasSize(SpareFiles.PER_FOLDER);

            DurableFile.Staged spare = spares.take(incoming);
            assertThat(spare).isNotNull();
            assertThat(spare.temp().getParent()).isEqualTo(incoming);
            assertThat(Files.size(spare.temp())).isZero();
            assertThat(spare.channel().isOpen()).isTrue();
            assertThat(DurableFile.isLeftover(spare.temp(), false)).as("locked like a live transfer").isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spare.temp()))).isEqualTo("rw-r-----");
            await("made again", () -> spares.readyIn(incoming) == SpareFiles.PER_FOLDER);
            spare.discard();
        }
        assertThat(spareFiles(incoming)).as("closing the store deletes its spares").isEmpty();
    }

    @Test
    void aDiscardedFolderKeepsNoSpare() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        try (SpareFiles spares = new SpareFiles()) {
            spares.take(incoming);
            await("spares made", () -> spares.readyIn(incoming) == SpareFiles.PER_FOLDER);
            spares.discard(incoming);
            assertThat(spares.readyIn(incoming)).isZero();
            assertThat(spareFiles(incoming)).isEmpty();
            Thread.sleep(200); // nothing made for it since
            assertThat(spareFiles(incoming)).isEmpty();
            // the folder is gone: takes give nothing, and nothing is made
            Files.delete(incoming);
            assertThat(spares.take(incoming)).isNull();
            Thread.sleep(200);
            assertThat(spares.readyIn(incoming)).isZero();
        }
    }

    @Test
    void onlyTheMostRecentlyUsedFoldersKeepSpares() throws Exception {
        int folders = SpareFiles.MAX_FOLDERS + 3; // one state per night, say
        List<Path> dirs = new java.util.ArrayList<>();
        try (SpareFiles spares = new SpareFiles()) {
            for (int i = 0; i < folders; i++) {
                Path d = Files.createDirectories(dir.resolve("night-" + i));
                dirs.add(d);
                spares.take(d);
                await("spares made in " + d, () -> spares.readyIn(d) == SpareFiles.PER_FOLDER);
            }
            for (int i = 0; i < folders; i++) {
                int expected = i < folders - SpareFiles.MAX_FOLDERS ? 0 : SpareFiles.PER_FOLDER;
                assertThat(spareFiles(dirs.get(i))).as("night %d", i).hasSize(expected);
            }
            // a folder used again gets spares again, and the least recently used one loses its own
            spares.take(dirs.get(0));
            await("spares again", () -> spareFiles(dirs.get(0)).size() == SpareFiles.PER_FOLDER);
            assertThat(spareFiles(dirs.get(folders - SpareFiles.MAX_FOLDERS))).isEmpty();
        }
    }

    @Test
    void atStartEmptyStagingFilesNoProcessHoldsAreRemovedAndNothingElse() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        Path spare = Files.createFile(incoming.resolve(".spare-1.part"));
        Path cut = Files.createFile(incoming.resolve(".incoming-2.part"));
        Path withBytes = Files.write(incoming.resolve(".incoming-3.part"), new byte[] {1});
        Path other = Files.createFile(incoming.resolve("x.dcm"));
        Path held = Files.createFile(incoming.resolve(".incoming-4.part"));
        try (FileChannel ch = FileChannel.open(held, StandardOpenOption.WRITE)) {
            ch.lock();
            assertThat(SpareFiles.removeLeftovers(incoming)).isEqualTo(2);
        }
        assertThat(spare).doesNotExist();
        assertThat(cut).doesNotExist();
        assertThat(withBytes).as("bytes of a cut transfer: verify reports them").exists();
        assertThat(other).exists();
        assertThat(held).as("held by a live writer").exists();
    }

    @Test
    void theStoreUsesSparesAndADeletedStateComesBackWithNew() throws Exception {
        Path data = dir.resolve("data");
        Path incoming = data.resolve("states/pre/.incoming");
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            StateStoreSink sink = new StateStoreSink(store, ctx -> "pre");
            assertThat(plan(1).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
            await("spares made", () -> spareFiles(incoming).size() == SpareFiles.PER_FOLDER);
            List<Path> before = spareFiles(incoming);
            assertThat(plan(2).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
            assertThat(before).as("the object went into a spare").anySatisfy(p -> assertThat(p).doesNotExist());
            assertThat(store.verify("pre", false).clean()).as("spares are no problem").isTrue();

            assertThat(store.deleteState("pre")).isTrue();
            assertThat(plan(3).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
            assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
            await("spares made in the new folder", () -> spareFiles(incoming).size() == SpareFiles.PER_FOLDER);
        }
        assertThat(spareFiles(incoming)).as("closed: no spare left").isEmpty();

        // a crash leaves spares: the next start removes them
        Files.createFile(incoming.resolve(".spare-left.part"));
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            assertThat(incoming.resolve(".spare-left.part")).doesNotExist();
            assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
        }
    }

    private static Feed plan(int patient) throws Exception {
        return Feed.of(RtObjects.vmatPlan(patient, 1, 1, 2, 2), TransferSyntax.EXPLICIT_LE);
    }

    private static List<Path> spareFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(SpareFiles::isSpare).toList();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
