package org.qanode.net.dimse;

import org.qanode.dicom.Tags;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.assoc.AcceptedPresentationContext;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.PresentationContextRq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage SCU: proposes presentation contexts from the files to send (each file's own
 * SOP class and transfer syntax, plus Explicit and Implicit VR Little Endian as fallbacks),
 * sends each file's data set unchanged when its syntax was accepted, and converts between
 * the uncompressed syntaxes when the peer accepted only another one (PS3.5 section 10).
 */
public final class StoreSender {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSender.class);
    /** PS3.8 9.3.2.2: context ids are odd numbers 1..255. */
    private static final int MAX_CONTEXTS = 128;

    /** One file to send, with what its header said. */
    public record Item(Path file, String sopClassUid, String sopInstanceUid, TransferSyntax transferSyntax,
                       long datasetOffset, long size) {
    }

    /** What happened to one file. */
    public record Outcome(Path file, int status, String error) {
        public boolean failed() {
            return error != null || DimseStatus.isFailure(status);
        }

        public boolean warning() {
            return error == null && DimseStatus.isWarning(status);
        }
    }

    /** Totals for the summary line. */
    public record Summary(int sent, int failed, int warnings, long bytes, long nanos, List<Outcome> outcomes) {
        public double megabytesPerSecond() {
            return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
        }
    }

    private final String callingAeTitle;
    private final String calledAeTitle;
    private final AssociationRequestor.Config config;
    private final Duration responseTimeout;

    public StoreSender(String callingAeTitle, String calledAeTitle, AssociationRequestor.Config config,
            Duration responseTimeout) {
        this.callingAeTitle = callingAeTitle;
        this.calledAeTitle = calledAeTitle;
        this.config = config;
        this.responseTimeout = responseTimeout;
    }

    /**
     * Reads what is needed of each file's header; unreadable files are reported, not sent. The
     * UIDs come from the data set, not the meta group: PS3.7 9.1.1.1 makes the Affected SOP Class
     * and Instance UIDs those of the data set, and an SCP may check (dcmtk's storescp answers A900
     * where the corpus has meta UIDs that differ from the data set's).
     */
    public static Item probe(Path file) throws IOException {
        DicomReader.Header h = DicomReader.readHeader(file, Tags.SOPInstanceUID + 1);
        DicomFile f = h.file();
        String sopClass = uid(f.dataset(), Tags.SOPClassUID);
        String sopInstance = uid(f.dataset(), Tags.SOPInstanceUID);
        if (sopClass == null || sopInstance == null) {
            // Type 1 in every IOD (PS3.3 C.12.1): without them this is no composite instance to store
            throw new IOException(file + ": no SOP Class UID or SOP Instance UID in the data set");
        }
        return new Item(file, sopClass, sopInstance, f.transferSyntax(), h.datasetOffset(), Files.size(file));
    }

    /**
     * A UID by its bytes whatever VR the file gave it: a corpus file has explicit UN on SOP Class
     * UID, which as text would read as hex and become an over-long abstract syntax.
     */
    private static String uid(Dataset ds, int tag) {
        byte[] b = ds.getBytes(tag);
        if (b == null || b.length == 0) {
            return null;
        }
        return ByteValues.trimPadding(new String(b, StandardCharsets.US_ASCII), VR.UI);
    }

    /** Contexts for these items: at most 128, one per (SOP class, syntax) and one fallback per SOP class. */
    static List<PresentationContextRq> contextsFor(List<Item> items) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (Item i : items) {
            wanted.computeIfAbsent(i.sopClassUid(), k -> new LinkedHashSet<>()).add(i.transferSyntax().uid());
        }
        List<PresentationContextRq> contexts = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
            for (String ts : e.getValue()) {
                if (!ts.equals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) && !ts.equals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
                    contexts.add(new PresentationContextRq(id, e.getKey(), List.of(ts)));
                    id += 2;
                }
            }
            contexts.add(new PresentationContextRq(id, e.getKey(),
                    List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)));
            id += 2;
        }
        if (contexts.size() > MAX_CONTEXTS) {
            throw new IllegalArgumentException(contexts.size() + " presentation contexts needed, at most "
                    + MAX_CONTEXTS + " fit one association: send fewer SOP classes at once");
        }
        return contexts;
    }

    /** Sends every item over one association, in order. */
    public Summary send(String host, int port, List<Item> items)
            throws AssociationRejectedException, AssociationAbortedException, InterruptedException {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        long bytes = 0;
        if (items.isEmpty()) {
            return new Summary(0, 0, 0, 0, 0, outcomes);
        }
        try (DimseClient client = DimseClient.open(host, port, callingAeTitle, calledAeTitle, contextsFor(items), config)) {
            for (Item item : items) {
                Outcome o = sendOne(client, item);
                outcomes.add(o);
                if (!o.failed()) {
                    bytes += item.size() - item.datasetOffset();
                }
                if (!client.association().channel().isActive()) {
                    break;
                }
            }
        }
        for (Item item : items.subList(outcomes.size(), items.size())) {
            outcomes.add(new Outcome(item.file(), -1, "association ended before this file"));
        }
        int failed = (int) outcomes.stream().filter(Outcome::failed).count();
        int warnings = (int) outcomes.stream().filter(Outcome::warning).count();
        return new Summary(outcomes.size() - failed, failed, warnings, bytes, System.nanoTime() - start, outcomes);
    }

    private Outcome sendOne(DimseClient client, Item item) throws InterruptedException {
        Optional<AcceptedPresentationContext> same = client.association().acceptedContexts().values().stream()
                .filter(pc -> pc.abstractSyntax().equals(item.sopClassUid())
                        && pc.transferSyntax().equals(item.transferSyntax().uid()))
                .findFirst();
        try {
            DimseResponse rsp;
            if (same.isPresent()) {
                try (InputStream file = new BufferedInputStream(Files.newInputStream(item.file()), 256 * 1024)) {
                    file.skipNBytes(item.datasetOffset());
                    InputStream in = file;
                    if (item.transferSyntax().deflated() && ((item.size() - item.datasetOffset()) & 1) != 0) {
                        // Deflated files of odd length exist (two in the corpus); dcmtk, and so Orthanc,
                        // refuse an odd PDV ("Odd Fragment Length"). A trailing 00H after the deflate
                        // stream is how dcmtk and our writer make it even; inflating ignores it.
                        in = new SequenceInputStream(file, new ByteArrayInputStream(new byte[1]));
                    }
                    rsp = client.store(same.get().id(), item.sopClassUid(), item.sopInstanceUid(), in, responseTimeout);
                }
            } else {
                Optional<AcceptedPresentationContext> other = client.association().acceptedContexts().values().stream()
                        .filter(pc -> pc.abstractSyntax().equals(item.sopClassUid())
                                && TransferSyntax.of(pc.transferSyntax()).isUncompressed())
                        .findFirst();
                if (other.isEmpty() || !item.transferSyntax().isUncompressed()) {
                    return new Outcome(item.file(), -1, "no accepted presentation context for "
                            + item.sopClassUid() + " in " + item.transferSyntax().uid());
                }
                rsp = sendConverted(client, item, other.get());
            }
            int status = rsp.status();
            if (DimseStatus.isFailure(status)) {
                LOG.warn("{}: {}{}", item.file().getFileName(), DimseStatus.name(status),
                        rsp.command().errorComment() != null ? " (" + rsp.command().errorComment() + ")" : "");
            } else {
                LOG.debug("{}: {}", item.file().getFileName(), DimseStatus.name(status));
            }
            return new Outcome(item.file(), status, null);
        } catch (IOException e) {
            LOG.warn("{}: {}", item.file().getFileName(), e.getMessage());
            return new Outcome(item.file(), -1, e.getMessage());
        }
    }

    /** Re-encodes into the accepted uncompressed syntax through a temporary file, so memory stays bounded. */
    private DimseResponse sendConverted(DimseClient client, Item item, AcceptedPresentationContext pc)
            throws IOException, InterruptedException {
        Dataset ds = DicomReader.readFile(item.file(), ReadOptions.withBulkDataByReference()).dataset();
        Path tmp = Files.createTempFile("qanode-send-", ".dcm");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 256 * 1024)) {
                DicomWriter.writeDataset(out, ds, TransferSyntax.of(pc.transferSyntax()));
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tmp), 256 * 1024)) {
                return client.store(pc.id(), item.sopClassUid(), item.sopInstanceUid(), in, responseTimeout);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
