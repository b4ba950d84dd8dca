package org.qanode.fuzz;

import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.dicom.json.DicomJsonWriter;
import org.qanode.net.dimse.Command;
import org.qanode.testing.Samples;

/**
 * Seed corpora, built at start from what the repository already has: the golden PDUs of
 * test-data/pdu, the golden plans of test-data/golden, the JSON of test-data/json, and the
 * shared samples read in place. Samples are slimmed first (values cut to 64 bytes, at most two
 * items per sequence and two fragments) so that one input stays a few kilobytes: the decoder
 * paths are the same, the cost per input is not.
 */
public final class Corpus {
    private static final Path TEST_DATA = Path.of("test-data");
    private static List<DicomFile> slimSamples;

    private Corpus() {
    }

    // ------------------------------------------------------------------ PDU

    static List<byte[]> pduSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : list(TEST_DATA.resolve("pdu"), ".hex")) {
            seeds.add(hex(p));
        }
        byte[] rq = hex(TEST_DATA.resolve("pdu/dcmtk-echoscu-a-associate-rq.hex"));
        byte[] release = hex(TEST_DATA.resolve("pdu/dcmtk-echoscu-a-release-rq.hex"));
        for (byte[] command : commands()) {
            byte[] pdata = pData(1, 0x03, command);
            seeds.add(pdata);
            seeds.add(concat(rq, pdata, release));
        }
        return Collections.unmodifiableList(seeds);
    }

    /** A P-DATA-TF with one PDV (PS3.8 9.3.5). */
    static byte[] pData(int context, int header, byte[] payload) {
        int pdvLength = payload.length + 2;
        byte[] b = new byte[6 + 4 + pdvLength];
        b[0] = 0x04;
        putBE32(b, 2, 4 + pdvLength);
        putBE32(b, 6, pdvLength);
        b[10] = (byte) context;
        b[11] = (byte) header;
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    static List<byte[]> pduDictionary() {
        List<byte[]> d = new ArrayList<>();
        for (int type : new int[] {0x10, 0x20, 0x21, 0x30, 0x40, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57,
            0x58, 0x59}) {
            d.add(new byte[] {(byte) type, 0, 0, 0});
            d.add(new byte[] {(byte) type, 0, 0, 4});
        }
        for (int type = 1; type <= 7; type++) {
            d.add(new byte[] {(byte) type, 0, 0, 0, 0, 4});
        }
        d.add(ascii("1.2.840.10008.3.1.1.1"));
        d.add(ascii("1.2.840.10008.1.2"));
        d.add(ascii("1.2.840.10008.1.1\0"));
        d.add(new byte[] {0, 0, 0, 2, 1, 3});
        d.add(new byte[] {0, 0, 0, 0});
        d.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        return d;
    }

    // ------------------------------------------------------------------ DIMSE

    static List<byte[]> dimseSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        int[] controls = {0x00, 0x01, 0x03, 0x08, 0x18, 0x21, 0x2B};
        int i = 0;
        for (byte[] command : commands()) {
            for (int c : new int[] {0x00, controls[i++ % controls.length]}) {
                seeds.add(concat(new byte[] {(byte) c}, command));
            }
        }
        // the command sets dcmtk sent, from the captured P-DATA-TF PDUs (PDV payload at offset 12)
        for (Path p : list(TEST_DATA.resolve("pdu"), ".hex")) {
            byte[] b = hex(p);
            if (b.length > 12 && b[0] == 0x04 && (b[11] & 1) != 0) {
                byte[] payload = java.util.Arrays.copyOfRange(b, 12, b.length);
                seeds.add(concat(new byte[] {0}, payload));
            }
        }
        return Collections.unmodifiableList(seeds);
    }

    /** One encoded command set of each kind the node sends or receives (PS3.7 9.3). */
    static List<byte[]> commands() {
        String ct = "1.2.840.10008.5.1.4.1.1.2";
        String find = "1.2.840.10008.5.1.4.1.2.2.1";
        Command store = Command.cStoreRq(7, ct, "1.2.3.4.5.6.7", 0, "MOVESCU", 3);
        List<byte[]> out = new ArrayList<>();
        out.add(Command.cEchoRq(1).encode());
        out.add(store.encode());
        out.add(Command.cStoreRq(8, ct, "1.2.3.4.5.6.8", 2, null, 0).encode());
        out.add(Command.cFindRq(2, find, 0).encode());
        out.add(Command.cMoveRq(3, "1.2.840.10008.5.1.4.1.2.2.2", 0, "STORESCP").encode());
        out.add(Command.cGetRq(4, "1.2.840.10008.5.1.4.1.2.2.3", 0).encode());
        out.add(Command.cCancelRq(2).encode());
        out.add(Command.response(store, 0x0000, null).encode());
        out.add(Command.response(store, 0xA700, "Out of resources: the disk is full").encode());
        out.add(Command.response(Command.cFindRq(2, find, 0), 0xFF00, null).encode());
        return out;
    }

    // ------------------------------------------------------------------ Part 10

    static List<byte[]> part10Seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : list(TEST_DATA.resolve("golden"), ".hex")) {
            byte[] file = hex(p);
            seeds.add(concat(new byte[] {0}, file));
            seeds.add(concat(new byte[] {3}, file));
            seeds.add(concat(new byte[] {4}, file));
        }
        int i = 0;
        for (DicomFile f : slimSamples()) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DicomWriter.writeFile(out, f.fileMeta(), f.dataset(), f.transferSyntax());
                seeds.add(concat(new byte[] {(byte) (i % 5 == 3 ? 3 : i % 5 == 4 ? 4 : 0)}, out.toByteArray()));
                // the same data set raw, as DIMSE carries it, in one of the raw modes' syntaxes
                int mode = 5 + i % 3;
                TransferSyntax ts = switch (mode) {
                    case 5 -> TransferSyntax.IMPLICIT_LE;
                    case 6 -> TransferSyntax.EXPLICIT_BE;
                    default -> TransferSyntax.DEFLATED_LE;
                };
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                DicomWriter.writeDataset(raw, f.dataset(), ts);
                seeds.add(concat(new byte[] {(byte) mode}, raw.toByteArray()));
                i++;
            } catch (IOException | RuntimeException e) {
                // a sample the writer will not write (e.g. encapsulated in a syntax it converts): not a seed
            }
        }
        return Collections.unmodifiableList(seeds);
    }

    static List<byte[]> dicomDictionary() {
        List<byte[]> d = new ArrayList<>();
        d.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0});
        d.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0});
        d.add(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
        d.add(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xE0, 0x00});
        d.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        d.add(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        d.add(new byte[] {0x02, 0x00, 0x10, 0x00});
        d.add(new byte[] {0x08, 0x00, 0x05, 0x00});
        d.add(new byte[] {0x28, 0x00, 0x03, 0x01});
        d.add(new byte[] {0x00, 0x00, 0x00, 0x01});
        d.add(new byte[] {0x00, 0x00, 0x00, 0x08});
        for (String vr : new String[] {"SQ", "OB", "OW", "UN", "UT", "UC", "US", "SS", "UL", "AT", "FD", "FL", "DS",
            "IS", "PN", "UI", "SV", "UV", "OV", "DA", "TM", "DT"}) {
            d.add(ascii(vr));
            d.add(concat(ascii(vr), new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        }
        d.add(ascii("DICM"));
        d.add(ascii(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        d.add(ascii(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        d.add(ascii(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        d.add(ascii("1.2.840.10008.1.2.4.50"));
        d.add(ascii("ISO 2022 IR 87\\ISO 2022 IR 159"));
        d.add(ascii("ISO_IR 192"));
        d.add(ascii("GB18030"));
        d.add(new byte[] {0x1B, 0x24, 0x42});
        d.add(ascii("\\"));
        return d;
    }

    // ------------------------------------------------------------------ JSON

    static List<byte[]> jsonSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : list(TEST_DATA.resolve("json"), ".json")) {
            seeds.add(read(p));
        }
        seeds.add(ascii("{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"file:///tmp/x.dcm?offset=132&length=4\"}}"));
        seeds.add(ascii("{\"7FE00010\":{\"vr\":\"OB\",\"DataFragment\":[{\"InlineBinary\":\"AAAA\"},"
                + "{\"BulkDataURI\":\"file:///tmp/x.dcm?offset=1&length=2&bigEndian=true\"}]}}"));
        seeds.add(ascii("{\"00100010\":{\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\"}],\"vr\":\"PN\"},"
                + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]}}"));
        StringBuilder array = new StringBuilder("[");
        int n = 0;
        for (DicomFile f : slimSamples()) {
            String json = DicomJsonWriter.toJson(f.dataset());
            if (json.length() > 12 * 1024) {
                continue;
            }
            seeds.add(json.getBytes(StandardCharsets.UTF_8));
            if (n++ < 2) {
                array.append(n > 1 ? "," : "").append(json);
            }
        }
        seeds.add(ascii(array.append(']').toString()));
        return Collections.unmodifiableList(seeds);
    }

    static List<byte[]> jsonDictionary() {
        List<byte[]> d = new ArrayList<>();
        for (String s : new String[] {"{", "}", "[", "]", ",", ":", "\"", "\"vr\":", "\"Value\":", "\"InlineBinary\":",
            "\"BulkDataURI\":", "\"DataFragment\":", "\"Alphabetic\":", "\"Ideographic\":", "null", "true", "-1", "0",
            "1e400", "0.5", "2.0", "-0", "18446744073709551616", "9223372036854775808", "\"NaN\"", "\"-Infinity\"",
            "\"SQ\"", "\"PN\"", "\"US\"", "\"SS\"", "\"AT\"", "\"UV\"", "\"SV\"", "\"FD\"", "\"FL\"", "\"DS\"", "\"IS\"",
            "\"OB\"", "\"UN\"", "\"CS\"", "\"00080005\"", "\"00100010\"", "\"7FE00010\"", "\"ISO 2022 IR 87\"",
            "\"ISO_IR 100\"", "\"file:///tmp/x?offset=0&length=4\"", "?offset=", "&length=", "\"\\u0000\"",
            "\"AAAA\"", "\"====\"", "{\"vr\":\"SQ\",\"Value\":[{}]}", "\"\\\\\""}) {
            d.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return d;
    }

    // ------------------------------------------------------------------ samples

    /** The shared samples, each read once and slimmed. */
    static synchronized List<DicomFile> slimSamples() {
        if (slimSamples == null) {
            List<DicomFile> out = new ArrayList<>();
            for (Path p : Samples.readable()) {
                try {
                    DicomFile f = DicomReader.readFile(p);
                    slim(f.dataset());
                    if (f.fileMeta() != null) {
                        out.add(f);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable sample: the reader's own tests cover it
                }
            }
            slimSamples = Collections.unmodifiableList(out);
        }
        return slimSamples;
    }

    static void slim(Dataset ds) {
        for (int i = 0; i < ds.size(); i++) {
            Object v = ds.valueAt(i);
            if (v instanceof byte[] b && b.length > 64) {
                ds.setValue(ds.tagAt(i), ds.vrAt(i), java.util.Arrays.copyOf(b, 64));
            } else if (v instanceof Sequence s) {
                while (s.size() > 2) {
                    s.remove(s.size() - 1);
                }
                for (Dataset item : s) {
                    slim(item);
                }
            } else if (v instanceof Fragments f) {
                Fragments small = new Fragments(f.vr());
                for (int k = 0; k < Math.min(2, f.size()); k++) {
                    Object frag = f.items().get(k);
                    small.add(frag instanceof byte[] b && b.length > 64 ? java.util.Arrays.copyOf(b, 64) : frag);
                }
                ds.setValue(ds.tagAt(i), ds.vrAt(i), small);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Whitespace-separated hex; lines starting with '#' are comments (test-data/golden). */
    static byte[] hex(Path p) {
        StringBuilder sb = new StringBuilder();
        for (String line : readString(p).split("\n")) {
            if (!line.startsWith("#")) {
                sb.append(line.replaceAll("\\s+", ""));
            }
        }
        return ByteBufUtil.decodeHexDump(sb);
    }

    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path p) {
        return new String(read(p), StandardCharsets.US_ASCII);
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void putBE32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
