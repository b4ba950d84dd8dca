package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseResponse;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.Samples;

/**
 * Objects received over an association reach the store as the network's own buffers (Netty's
 * pooled direct memory, issue 16), not copies: the file and the index's SHA-256 must still be
 * exactly the bytes sent, for an object held in memory (up to {@link CommitJournal#INLINE_MAX})
 * and for larger ones whose fragments go to the file as they are. The digest decides whether a
 * re-sent object is a duplicate or a new version, so a digest that missed some bytes would file
 * a changed plan as "unchanged": the one-byte change below must make a new version.
 */
class NetworkBuffersIntoStoreTest {
    private static final String RT_PLAN = StoreOverDimse.RT_PLAN;
    /** A private element of ours that pads a plan to the size wanted. */
    private static final int PADDING = 0x00291010;

    @RegisterExtension
    final StoreOverDimse node = new StoreOverDimse();

    @Test
    void storedFilesAndDigestsAreTheBytesSentWhateverTheObjectsSize() throws Exception {
        Random random = new Random(16);
        int[] paddings = {0, (int) CommitJournal.INLINE_MAX - 40_000, (int) CommitJournal.INLINE_MAX + 1, 3_000_001};
        try (DimseClient c = client()) {
            for (int i = 0; i < paddings.length; i++) {
                String uid = "1.2.826.0.1.3680043.10.1013.16." + (i + 1);
                byte[] sent = plan(uid, padding(random, paddings[i]));
                assertThat(store(c, uid, sent)).isEqualTo(DimseStatus.SUCCESS);

                InstanceRecord row = node.store().currentInstance("inbox", uid).orElseThrow();
                assertThat(row.sha256()).as("index digest, %d bytes", sent.length).isEqualTo(sha256(sent));
                Part10.DatasetDigest onDisk = Part10.digestDataset(node.store().resolve(row));
                assertThat(onDisk.sha256()).as("file, %d bytes", sent.length).isEqualTo(sha256(sent));
                assertThat(onDisk.size()).isEqualTo(sent.length);
            }
            c.release();
        }
    }

    @Test
    void aLargePlanSentAgainIsADuplicateAndWithOneByteChangedANewVersion() throws Exception {
        String uid = "1.2.826.0.1.3680043.10.1013.16.9";
        byte[] padding = padding(new Random(17), 2_500_000);
        byte[] sent = plan(uid, padding);
        padding[padding.length - 1000] ^= 1;
        byte[] changed = plan(uid, padding);
        try (DimseClient c = client()) {
            assertThat(store(c, uid, sent)).isEqualTo(DimseStatus.SUCCESS);
            assertThat(store(c, uid, sent)).isEqualTo(DimseStatus.SUCCESS);
            assertThat(node.store().history("inbox", uid)).as("the same bytes again: a duplicate").hasSize(1);
            assertThat(store(c, uid, changed)).isEqualTo(DimseStatus.SUCCESS);
            c.release();
        }
        List<InstanceRecord> history = node.store().history("inbox", uid);
        assertThat(history).as("one byte changed: a new version").hasSize(2);
        assertThat(history).extracting(InstanceRecord::sha256).containsExactlyInAnyOrder(sha256(sent), sha256(changed));
    }

    private int store(DimseClient c, String uid, byte[] dataset) throws Exception {
        DimseResponse r = c.store(1, RT_PLAN, uid, new ByteArrayInputStream(dataset), Duration.ofSeconds(30));
        return r.status();
    }

    private DimseClient client() throws Exception {
        return node.client();
    }

    private static byte[] padding(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static byte[] plan(String sopInstanceUid, byte[] padding) throws Exception {
        Dataset ds = new Dataset();
        ds.addAll(DicomReader.readFile(Samples.get(StateStoreContract.PLAN), ReadOptions.stopBefore(Tags.PixelData)).dataset());
        ds.setString(Tags.SOPInstanceUID, VR.UI, sopInstanceUid);
        if (padding.length > 0) {
            ds.setString(0x00290010, VR.LO, "QANODE TEST");
            ds.setBytes(PADDING, VR.OB, padding);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, TransferSyntax.EXPLICIT_LE);
        return out.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
