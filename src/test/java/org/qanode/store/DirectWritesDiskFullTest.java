package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qanode.store.SmallVolumes.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UID;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseStatus;

/**
 * Large objects on a real ext4 volume, where their files are written around the page cache
 * ({@link DirectOutput}): stored byte for byte, and when the volume fills, a direct write's
 * {@code ENOSPC} is a refusal with nothing left behind, never Success. The data directory is
 * on a 24 MiB ext4 image mounted through a loop device: needs root, mkfs.ext4 and loop devices,
 * so it is skipped where those are missing, and fails when CI=true ({@code RealDiskFullTest}
 * fills a tmpfs the same way).
 */
class DirectWritesDiskFullTest {
    @TempDir
    Path dir;
    Path mount;
    boolean mounted;
    StateStore store;

    @BeforeEach
    void mountSmallExt4() throws Exception {
        Path image = dir.resolve("ext4.img");
        mount = Files.createDirectories(dir.resolve("ext4"));
        SmallVolumes.requireMounted(run("truncate", "-s", "24M", image.toString())
                && run("mkfs.ext4", "-q", "-F", image.toString())
                && run("mount", "-o", "loop", image.toString(), mount.toString()), "an ext4 image");
        mounted = true;
        assertThat(DirectOutput.blockSize(mount)).as("ext4 has direct writes").isPositive();
        store = StateStore.open(mount.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("index")));
    }

    @AfterEach
    void unmount() throws Exception {
        SmallVolumes.closeAndUnmount(store, mounted ? mount : null);
    }

    @Test
    void aLargeObjectIsStoredByteForByte() throws Exception {
        Feed big = bigObject(5 << 20, 1);
        assertThat(big.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        InstanceRecord r = store.listInstances("pre", InstanceQuery.all()).items().get(0);
        byte[] file = Files.readAllBytes(store.resolve(r));
        assertThat(file.length).isGreaterThan(big.dataset().length);
        assertThat(java.util.Arrays.copyOfRange(file, file.length - big.dataset().length, file.length))
                .isEqualTo(big.dataset());
    }

    @Test
    void theVolumeFillsDuringDirectWrites() throws Exception {
        Feed big = bigObject(12 << 20, 2);
        // leave a few megabytes: the first direct writes land, a later one meets ENOSPC
        Path filler = mount.resolve("filler");
        long free = Files.getFileStore(mount).getUsableSpace();
        Files.write(filler, new byte[(int) (free - (4L << 20))]);
        int status;
        try {
            status = big.sendTo(sink(), "pre");
        } catch (IOException refused) {
            status = DimseStatus.OUT_OF_RESOURCES;
        }
        assertThat(status).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        SmallVolumes.assertNothingLeft(mount, mount.resolve("data"), filler);
        assertThat(store.listInstances("pre", InstanceQuery.all().withHistory()).total()).isZero();
        Files.delete(filler);
        // room again: the SCU's retry succeeds
        assertThat(big.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
    }

    private static Feed bigObject(int bytes, long seed) throws IOException {
        byte[] pixels = new byte[bytes];
        new Random(seed).nextBytes(pixels);
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.1");
        ds.setString(Tags.SOPInstanceUID, VR.UI, UID.toUuidUid());
        ds.setString(0x00080060, VR.CS, "RTIMAGE");
        ds.setString(0x00100020, VR.LO, "DIRECT");
        ds.setBytes(0x7FE00010, VR.OB, pixels);
        return Feed.of(ds, TransferSyntax.EXPLICIT_LE);
    }

    private org.qanode.ingest.StateStoreSink sink() {
        return new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle());
    }
}
