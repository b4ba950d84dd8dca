package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qanode.store.SmallVolumes.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.RtObjects;
import org.qanode.testing.Samples;

/**
 * Issue 11: after a full disk the node refused everything until restarted (H2 had closed its
 * database). On a real small tmpfs: the free-space watermark refuses objects before the disk
 * fills and lets them in again when space returns, by itself; and when the disk does fill under
 * the index, the index reopens once there is room. Needs root and mount(8): skipped elsewhere,
 * failed when CI=true.
 */
class FullDiskRecoveryTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    Path mount;
    boolean mounted;
    StateStore store;

    @AfterEach
    void unmount() throws Exception {
        SmallVolumes.closeAndUnmount(store, mounted ? mount : null);
    }

    @Test
    void belowTheWatermarkObjectsAreRefusedBeforeAnyByteAndStoringResumesWhenSpaceReturns() throws Exception {
        mount(8 * MIB);
        store = StateStore.open(mount.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("index")), 4 * MIB);
        Feed plan = Feed.of(Samples.get(StateStoreContract.PLAN));
        Path filler = fill(3 * MIB);
        assertThat(store.freeSpaceShortfall()).contains("below storage.minFreeBytes");

        assertThat(plan.sendTo(sink(), "pre")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        assertNoFilesUnder(mount.resolve("data/states"));

        Files.delete(filler);
        assertThat(store.freeSpaceShortfall()).isNull();
        assertThat(plan.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.currentInstance("pre", plan.sopInstanceUid())).isPresent();
    }

    @Test
    void anObjectThatWouldEatIntoTheReserveIsRefusedWhileItArrives() throws Exception {
        mount(32 * MIB);
        store = StateStore.open(mount.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("index")), 12 * MIB);
        Dataset big = RtObjects.vmatPlan(5, 1, 1, 4, 4);
        big.setValue(Tags.PixelData, VR.OB, new byte[(int) (28 * MIB)]);
        Feed feed = Feed.of(big, TransferSyntax.EXPLICIT_LE);
        assertThat(store.freeSpaceShortfall()).isNull();

        assertThatThrownBy(() -> feed.sendTo(sink(), "pre")).isInstanceOf(IOException.class)
                .hasMessageContaining("below storage.minFreeBytes");
        assertNoFilesUnder(mount.resolve("data/states"));
        assertThat(store.freeSpaceShortfall()).isNull();
        Feed plan = Feed.of(Samples.get(StateStoreContract.PLAN));
        assertThat(plan.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
    }

    @Test
    void theIndexReopensItselfAfterH2ClosedItOnAFullDisk() throws Exception {
        mount(6 * MIB);
        Path data = mount.resolve("data");
        store = StateStore.open(data, StateStore.defaultIndexUrl(data)); // no watermark: let the disk fill
        Feed first = Feed.of(Samples.get(StateStoreContract.PLAN));
        Feed second = Feed.of(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
        assertThat(first.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);

        Path filler = fill(0);
        // a new state is an index write: H2 fails to write it and closes its database
        assertThatThrownBy(() -> store.createState("other")).isInstanceOf(StoreException.class);
        assertThat(second.sendTo(sink(), "pre")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);

        Files.delete(filler);
        assertThat(second.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.indexReachable()).isTrue();
        assertThat(store.listStates()).extracting(StateSummary::name).contains("pre");
        assertThat(store.currentInstance("pre", first.sopInstanceUid())).isPresent();
        assertThat(store.currentInstance("pre", second.sopInstanceUid())).isPresent();
    }

    private void mount(long bytes) throws Exception {
        mount = Files.createDirectories(dir.resolve("tiny"));
        SmallVolumes.requireMounted(run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mount.toString()),
                "a tmpfs");
        mounted = true;
    }

    /** Fills the tmpfs until about {@code leave} bytes are free. */
    private Path fill(long leave) throws IOException {
        Path filler = mount.resolve("filler");
        long usable = Files.getFileStore(mount).getUsableSpace();
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long n = Math.max(0, usable - leave); n > 0; n -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, n));
            }
        } catch (IOException e) {
            // the disk is full: what leave=0 asks for
        }
        return filler;
    }

    private static void assertNoFilesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile).filter(p -> !Spares.unused(p)).toList()).isEmpty();
        }
    }

    private StateStoreSink sink() {
        return new StateStoreSink(store, ctx -> ctx.calledAeTitle());
    }
}
