package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qanode.store.SmallVolumes.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.Samples;

/**
 * A real full disk: the data directory on a 1 MiB tmpfs. Needs root and mount(8), so it is
 * skipped where those are missing (and fails when CI=true); {@code StateStoreContract} covers the same paths with
 * injected failures everywhere. Two cases: the disk fills while bytes arrive (write fails),
 * and it fills only when the last buffered bytes are flushed at commit.
 */
class RealDiskFullTest {
    @TempDir
    Path dir;
    Path mount;
    boolean mounted;
    StateStore store;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        mount = Files.createDirectories(dir.resolve("tiny"));
        SmallVolumes.requireMounted(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()), "a tmpfs");
        mounted = true;
        store = StateStore.open(mount.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("index")));
    }

    @AfterEach
    void unmount() throws Exception {
        SmallVolumes.closeAndUnmount(store, mounted ? mount : null);
    }

    @Test
    void diskFillsWhileReceiving() throws Exception {
        Feed big = Feed.of(Samples.get("rtimage/pynetdicom_elekta_iview.dcm"));
        assertThat(big.dataset().length).isGreaterThan(1 << 20);
        assertThatThrownBy(() -> big.sendTo(sink(), "pre")).isInstanceOf(IOException.class);
        assertNoFiles();
        assertThat(store.listInstances("pre", InstanceQuery.all().withHistory()).total()).isZero();
    }

    @Test
    void diskFillsWhenTheLastBytesAreFlushed() throws Exception {
        Feed small = Feed.of(Samples.get("rtplan/pps_pinnacle98_vmat.dcm"));
        // leave less room than the object needs, but let every write() land in the buffer
        Path filler = mount.resolve("filler");
        Files.write(filler, new byte[(1 << 20) - 64 * 1024]);
        assertThat(small.sendTo(sink(), "pre")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        Files.delete(filler);
        assertNoFiles();
        assertThat(store.listInstances("pre", InstanceQuery.all().withHistory()).total()).isZero();
        // room again: the SCU's retry succeeds
        assertThat(small.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
    }

    private void assertNoFiles() throws IOException {
        SmallVolumes.assertNothingLeft(mount, mount.resolve("data"));
    }

    /** The store as the C-STORE SCP sees it: the called AE title names the state. */
    private org.qanode.ingest.StateStoreSink sink() {
        return new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle());
    }
}
