package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.testing.RtObjects;

/**
 * Issue 12: nothing the store writes under the data directory is world-readable, whatever the
 * umask (a shell's 022 would give 0644/0755): files 0640, directories 0750, H2's index file too.
 */
class FileModesTest {
    @TempDir
    Path dir;

    @Test
    void objectsStagingFilesFoldersAndTheIndexAreNotWorldReadable() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
        Path data = dir.resolve("data");
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            Feed feed = Feed.of(RtObjects.vmatPlan(1, 1, 1, 2, 2), TransferSyntax.EXPLICIT_LE);
            StorageTarget t = new StateStoreSink(store, ctx -> "pre").begin(feed.context("QA"));
            t.write(ByteBuffer.wrap(feed.dataset(), 0, 100));
            List<Path> parts = files(data, ".part");
            assertThat(parts).filteredOn(p -> !Spares.unused(p)).hasSize(1);
            for (Path p : parts) {
                assertThat(mode(p)).as("a transfer in progress or a spare: " + p).isEqualTo("rw-r-----");
            }
            t.write(ByteBuffer.wrap(feed.dataset(), 100, feed.dataset().length - 100));
            assertThat(t.commit()).isEqualTo(DimseStatus.SUCCESS);
            store.createState("empty");

            List<Path> objects = files(data, ".dcm");
            assertThat(objects).hasSize(1);
            assertThat(mode(objects.get(0))).isEqualTo("rw-r-----");
            assertThat(mode(data.resolve("index.mv.db"))).isEqualTo("rw-r-----");
            for (Path d : List.of(data, data.resolve("states"), data.resolve("states/pre"),
                    data.resolve("states/pre/.incoming"), data.resolve("states/empty"))) {
                assertThat(mode(d)).as(d.toString()).isEqualTo("rwxr-x---");
            }
            store.deleteState("empty");
            assertThat(mode(data.resolve("trash"))).isEqualTo("rwxr-x---");
        }
    }

    @Test
    void createDirectoriesSetsEveryDirectoryItCreatesButNoneAbove() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileModes.createDirectories(dir.resolve("a/b/c"));
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwxr-x---");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwxr-x---");
        assertThat(mode(dir.resolve("a/b/c"))).isEqualTo("rwxr-x---");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
