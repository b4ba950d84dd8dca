package org.qanode.net.dimse;

import org.qanode.ingest.DirectorySink;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.Samples;

/**
 * The storage SCP when things go wrong (ARCHITECTURE.md: Success only once durable, A700 on any
 * storage failure, nothing partial left behind), and when the association limit is reached.
 */
class StoreScpFailureTest {
    private static final String UID_1 = "1.2.826.0.1.3680043.10.1011.1";
    private static final String UID_2 = "1.2.826.0.1.3680043.10.1011.2";

    @TempDir
    Path dir;

    private StoreScp scp;

    @AfterEach
    void stop() {
        if (scp != null) {
            scp.close();
        }
    }

    private StoreScp start(StorageSink sink, Duration idle) throws InterruptedException {
        scp = StoreScp.start(StoreScpConfig.of("QANODE", 0).withTimeouts(Duration.ofSeconds(5), idle), sink);
        return scp;
    }

    /** Like the plain sink, but the disk "fills up" once {@code limit} data set bytes were written. */
    private StorageSink fullDiskAfter(long limit) {
        DirectorySink plain = new DirectorySink(dir, "QANODE");
        return ctx -> {
            StorageTarget real = plain.begin(ctx);
            return new StorageTarget() {
                private long written;

                @Override
                public void write(ByteBuffer data) throws IOException {
                    if (written + data.remaining() > limit) {
                        throw new IOException("No space left on device");
                    }
                    written += data.remaining();
                    real.write(data);
                }

                @Override
                public int commit() throws DimseException {
                    return real.commit();
                }

                @Override
                public void abort() {
                    real.abort();
                }
            };
        };
    }

    /** Every file in the storage folder, hidden temporary ones included. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] dataSet(String sopInstanceUid) throws IOException {
        var ds = org.qanode.dicom.io.DicomReader.readFile(Samples.get("ct/dicompyler_ct0.dcm")).dataset();
        ds.setString(org.qanode.dicom.Tags.SOPInstanceUID, org.qanode.dicom.VR.UI, sopInstanceUid);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, TransferSyntax.of(RawPeer.EXPLICIT_LE));
        return out.toByteArray();
    }

    private DimseClient client(String... abstractSyntaxes) throws Exception {
        List<PresentationContextRq> pcs = new java.util.ArrayList<>();
        int id = 1;
        for (String as : abstractSyntaxes) {
            pcs.add(new PresentationContextRq(id, as, List.of(RawPeer.EXPLICIT_LE)));
            id += 2;
        }
        return DimseClient.open("127.0.0.1", scp.port(), "FAILTEST", "QANODE", pcs, AssociationRequestor.Config.defaults());
    }

    private void awaitNoAssociations() throws InterruptedException {
        for (int i = 0; i < 200 && scp.activeAssociations() > 0; i++) {
            Thread.sleep(25);
        }
        assertThat(scp.activeAssociations()).isZero();
    }

    /** A good object still goes through afterwards: the SCP kept serving. */
    private void goodObjectStillStored() throws Exception {
        try (DimseClient c = client(RawPeer.CT_IMAGE)) {
            DimseResponse r = c.store(1, RawPeer.CT_IMAGE, UID_2, new ByteArrayInputStream(dataSet(UID_2)), Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(dir.resolve(UID_2 + ".dcm")).exists();
    }

    @Test
    void diskFullIsOutOfResourcesForStorescuAndLeavesNoFile() throws Exception {
        ExternalTools.requireExecutable("storescu", "dcmtk");
        start(fullDiskAfter(100_000), Duration.ofSeconds(30));
        Path ct = Samples.get("ct/dicompyler_ct0.dcm");
        Dcmtk.Result r = Dcmtk.run("storescu", "-v", "-aec", "QANODE", "127.0.0.1", Integer.toString(scp.port()), ct.toString());
        assertThat(r.stdout() + r.stderr()).contains("Received Store Response (Refused: OutOfResources)");
        awaitNoAssociations();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void diskFullIsA700ForOurClientAndTheNextObjectOnTheAssociationIsStillAnswered() throws Exception {
        start(fullDiskAfter(100_000), Duration.ofSeconds(30));
        try (DimseClient c = client(RawPeer.CT_IMAGE)) {
            DimseResponse r = c.store(1, RawPeer.CT_IMAGE, UID_1, new ByteArrayInputStream(dataSet(UID_1)), Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
            assertThat(r.command().errorComment()).contains("No space left on device");
            byte[] small = new byte[] {0x08, 0x00, 0x18, 0x00, 'U', 'I', 2, 0, '1', 0};
            DimseResponse next = c.store(1, RawPeer.CT_IMAGE, UID_2, new ByteArrayInputStream(small), Duration.ofSeconds(20));
            assertThat(next.status()).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(leftovers()).containsExactly(dir.resolve(UID_2 + ".dcm"));
    }

    @Test
    void objectRefusedAtBeginThenAGoodOneOnTheSameAssociation() throws Exception {
        DirectorySink plain = new DirectorySink(dir, "QANODE");
        AtomicInteger begun = new AtomicInteger();
        start(ctx -> {
            begun.incrementAndGet();
            if (ctx.sopInstanceUid().equals(UID_1)) {
                throw new DimseException(DimseStatus.OUT_OF_RESOURCES, "store unavailable");
            }
            return plain.begin(ctx);
        }, Duration.ofSeconds(30));
        try (DimseClient c = client(RawPeer.CT_IMAGE)) {
            DimseResponse refused = c.store(1, RawPeer.CT_IMAGE, UID_1, new ByteArrayInputStream(dataSet(UID_1)), Duration.ofSeconds(20));
            assertThat(refused.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
            DimseResponse good = c.store(1, RawPeer.CT_IMAGE, UID_2, new ByteArrayInputStream(dataSet(UID_2)), Duration.ofSeconds(20));
            assertThat(good.status()).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(begun).hasValue(2);
        assertThat(leftovers()).containsExactly(dir.resolve(UID_2 + ".dcm"));
    }

    /** PS3.4 B.2.3: 0122 SOP Class Not Supported when the command's class is not its context's. */
    @Test
    void sopClassOtherThanTheContextsIs0122() throws Exception {
        start(new DirectorySink(dir, "QANODE"), Duration.ofSeconds(30));
        try (DimseClient c = client(RawPeer.CT_IMAGE)) {
            DimseResponse r = c.store(1, "1.2.840.10008.5.1.4.1.1.481.5", UID_1,
                    new ByteArrayInputStream(dataSet(UID_1)), Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(DimseStatus.SOP_CLASS_NOT_SUPPORTED).isEqualTo(0x0122);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void associationAbortedMidObjectLeavesNothingAndTheScpKeepsServing() throws Exception {
        start(new DirectorySink(dir, "QANODE"), Duration.ofSeconds(30));
        byte[] data = dataSet(UID_1);
        try (RawPeer peer = RawPeer.ctStorage(scp.port())) {
            peer.command(1, Command.cStoreRq(1, RawPeer.CT_IMAGE, UID_1, 0, null, 0));
            for (int i = 0; i < 4; i++) {
                peer.pdv(1, false, false, java.util.Arrays.copyOfRange(data, i * 16_000, (i + 1) * 16_000));
            }
            // the temporary file exists while the object is in flight
            awaitTrue(() -> !leftovers().isEmpty());
            peer.abort();
        }
        awaitNoAssociations();
        awaitTrue(() -> leftovers().isEmpty());
        goodObjectStillStored();
    }

    @Test
    void peerSilentMidObjectIsAbortedAtTheIdleTimeout() throws Exception {
        start(new DirectorySink(dir, "QANODE"), Duration.ofSeconds(1));
        byte[] data = dataSet(UID_1);
        long started = System.nanoTime();
        try (RawPeer peer = RawPeer.ctStorage(scp.port())) {
            peer.command(1, Command.cStoreRq(1, RawPeer.CT_IMAGE, UID_1, 0, null, 0));
            peer.pdv(1, false, false, java.util.Arrays.copyOfRange(data, 0, 16_000));
            assertThat(peer.abortedByPeer()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        awaitNoAssociations();
        awaitTrue(() -> leftovers().isEmpty());
        goodObjectStillStored();
    }

    /** PS3.8 Table 9-21, reason 2 (local-limit-exceeded), as dcmtk names it. */
    @Test
    void oneAssociationTooManyIsLocalLimitExceededForEchoscu() throws Exception {
        ExternalTools.requireExecutable("echoscu", "dcmtk");
        scp = StoreScp.start(StoreScpConfig.of("QANODE", 0).withMaxAssociations(1), new DirectorySink(dir, "QANODE"));
        try (DimseClient holder = client(StoreScpConfig.VERIFICATION)) {
            assertThat(holder.echo(Duration.ofSeconds(5))).isEqualTo(DimseStatus.SUCCESS);
            Dcmtk.Result r = Dcmtk.run("echoscu", "-aec", "QANODE", "127.0.0.1", Integer.toString(scp.port()));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stdout() + r.stderr()).contains("Local Limit Exceeded");
        }
        awaitNoAssociations();
        Dcmtk.Result again = Dcmtk.run("echoscu", "-aec", "QANODE", "127.0.0.1", Integer.toString(scp.port()));
        assertThat(again.exitCode()).as(again.stderr()).isZero();
    }

    /** A storescu busy sending (a slow peer holds its slot for the whole transfer) also counts. */
    @Test
    void busyStorescuHoldsItsSlot() throws Exception {
        ExternalTools.requireExecutable("storescu", "dcmtk");
        ExternalTools.requireExecutable("echoscu", "dcmtk");
        DirectorySink plain = new DirectorySink(dir, "QANODE");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        scp = StoreScp.start(StoreScpConfig.of("QANODE", 0).withMaxAssociations(1), ctx -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return plain.begin(ctx);
        });
        Thread sender = new Thread(() -> Dcmtk.run("storescu", "-aec", "QANODE", "127.0.0.1",
                Integer.toString(scp.port()), Samples.get("ct/dicompyler_ct0.dcm").toString()));
        sender.start();
        try {
            awaitTrue(() -> scp.activeAssociations() == 1);
            Dcmtk.Result r = Dcmtk.run("echoscu", "-aec", "QANODE", "127.0.0.1", Integer.toString(scp.port()));
            assertThat(r.stdout() + r.stderr()).contains("Local Limit Exceeded");
        } finally {
            release.countDown();
            sender.join(30_000);
        }
        awaitTrue(() -> leftovers().size() == 1);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(25);
        }
        assertThat(check.ok()).as("condition within 10 s").isTrue();
    }

}
