package org.qanode.dicom.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.PersonName;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/**
 * Writes data sets in the DICOM JSON Model of PS3.18 Annex F with Jackson's streaming generator.
 *
 * <ul>
 * <li>Keys are "GGGGEEEE" in upper-case hex, in tag order; each element has its "vr" and, unless
 * its value is empty, "Value", "InlineBinary" or "BulkDataURI" (F.2.2). An empty value among
 * several is {@code null} (F.2.5). Group lengths (gggg,0000) are left out: they count bytes of an
 * encoding JSON does not have.</li>
 * <li>Text is decoded with the data set's Specific Character Set and written as Unicode; the
 * (0008,0005) element itself is kept, so reading the JSON back encodes text as the source did.</li>
 * <li>PN values are objects with "Alphabetic", "Ideographic" and "Phonetic", empty groups left
 * out (F.2.2).</li>
 * <li>DS and IS are JSON numbers (F.2.3.1), written with the exact digits of the DICOM value.
 * A value that is not also a valid JSON number ("+1.5", ".5", "1.", "007", "NaN", text) is
 * written as a JSON string instead, so nothing is lost; {@link DicomJsonReader} accepts both.</li>
 * <li>FL and FD are numbers in their shortest round-tripping form; NaN and the infinities, which
 * JSON numbers cannot hold, are the strings "NaN", "Infinity" and "-Infinity". SV and UV are
 * numbers while JavaScript's doubles hold them exactly (|v| &lt;= 2^53), else decimal strings.</li>
 * <li>AT values are "GGGGEEEE" strings (F.2.3); OB, OD, OF, OL, OV, OW and UN are base64
 * "InlineBinary" of their little-endian bytes (F.2.7), subject to the {@link BulkDataPolicy}.</li>
 * <li>Encapsulated pixel data has no form in Annex F; like dcm4che we write a "DataFragment"
 * array with one {"InlineBinary"} or {"BulkDataURI"} object per item (offset table first).</li>
 * </ul>
 */
public final class DicomJsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** The JSON number grammar of RFC 8259 section 6. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final long MAX_SAFE_INTEGER = 1L << 53;

    /** Output options; {@link #DEFAULT} is compact with every value inline. */
    public record Options(boolean prettyPrint, BulkDataPolicy bulkData, int bulkDataThreshold) {
        public static final Options DEFAULT = new Options(false, BulkDataPolicy.INLINE, 64 * 1024);

        public Options withPrettyPrint(boolean pretty) {
            return new Options(pretty, bulkData, bulkDataThreshold);
        }

        public Options withBulkData(BulkDataPolicy policy) {
            return new Options(prettyPrint, policy, bulkDataThreshold);
        }
    }

    private final Options options;

    public DicomJsonWriter() {
        this(Options.DEFAULT);
    }

    public DicomJsonWriter(Options options) {
        this.options = options;
    }

    /** The data set as compact JSON with every value inline. */
    public static String toJson(Dataset dataset) {
        StringWriter out = new StringWriter();
        try {
            new DicomJsonWriter().write(dataset, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; BulkData reads might
        }
        return out.toString();
    }

    /** Writes one data set as a JSON object, UTF-8 encoded. The stream is left open. */
    public void write(Dataset dataset, OutputStream out) throws IOException {
        try (JsonGenerator g = open(FACTORY.createGenerator(out, JsonEncoding.UTF8))) {
            writeDataset(g, dataset);
        }
    }

    public void write(Dataset dataset, Writer out) throws IOException {
        try (JsonGenerator g = open(FACTORY.createGenerator(out))) {
            writeDataset(g, dataset);
        }
    }

    /** Writes data sets as a JSON array, the form of QIDO-RS and WADO-RS metadata responses. */
    public void writeAll(List<Dataset> datasets, OutputStream out) throws IOException {
        try (JsonGenerator g = open(FACTORY.createGenerator(out, JsonEncoding.UTF8))) {
            g.writeStartArray();
            for (Dataset ds : datasets) {
                writeDataset(g, ds);
            }
            g.writeEndArray();
        }
    }

    private JsonGenerator open(JsonGenerator g) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return options.prettyPrint() ? g.useDefaultPrettyPrinter() : g;
    }

    /** Writes {@code dataset} as one JSON object to a generator the caller owns. */
    public void writeDataset(JsonGenerator g, Dataset dataset) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            VR vr = dataset.vrAt(i);
            Object value = dataset.valueAt(i);
            if (Tag.isGroupLength(tag) || (options.bulkData() == BulkDataPolicy.OMIT && isBulk(tag, vr, value))) {
                continue;
            }
            g.writeFieldName(Tag.toHexString(tag));
            g.writeStartObject();
            g.writeStringField("vr", vr.name());
            if (value instanceof Sequence seq) {
                writeSequence(g, seq);
            } else if (value instanceof Fragments fragments) {
                writeFragments(g, fragments);
            } else if (value instanceof BulkData bulk) {
                writeBulkData(g, vr, bulk);
            } else {
                writeValue(g, dataset, tag, vr, (byte[]) value);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private boolean isBulk(int tag, VR vr, Object value) {
        if (value instanceof BulkData || value instanceof Fragments) {
            return true;
        }
        boolean binary = switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> true;
            default -> false;
        };
        return binary && value instanceof byte[] b && b.length >= options.bulkDataThreshold();
    }

    private void writeSequence(JsonGenerator g, Sequence seq) throws IOException {
        if (seq.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("Value");
        for (Dataset item : seq) {
            writeDataset(g, item);
        }
        g.writeEndArray();
    }

    private void writeFragments(JsonGenerator g, Fragments fragments) throws IOException {
        g.writeArrayFieldStart("DataFragment");
        for (Object fragment : fragments.items()) {
            g.writeStartObject();
            if (fragment instanceof BulkData bulk && options.bulkData() == BulkDataPolicy.URI) {
                g.writeStringField("BulkDataURI", uriOf(bulk));
            } else {
                g.writeBinaryField("InlineBinary", fragment instanceof byte[] b ? b : ((BulkData) fragment).readAllBytes());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeBulkData(JsonGenerator g, VR vr, BulkData bulk) throws IOException {
        if (options.bulkData() == BulkDataPolicy.URI) {
            g.writeStringField("BulkDataURI", uriOf(bulk));
            return;
        }
        byte[] bytes = bulk.readAllBytes();
        if (bulk.bigEndian()) {
            ByteValues.swapByteOrder(bytes, vr); // JSON binary is little-endian (PS3.18 F.2.7)
        }
        if (bytes.length > 0) {
            g.writeBinaryField("InlineBinary", bytes);
        }
    }

    private static String uriOf(BulkData bulk) {
        return BulkDataUris.toUri(bulk);
    }

    private void writeValue(JsonGenerator g, Dataset ds, int tag, VR vr, byte[] b) throws IOException {
        // A value of padding only (e.g. two spaces) is as empty as a zero-length one (PS3.5 6.2).
        String[] texts = vr.isText() ? ds.getStrings(tag) : null;
        if (b.length == 0 || (texts != null && texts.length == 0)) {
            return;
        }
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> g.writeBinaryField("InlineBinary", b);
            case PN -> {
                g.writeArrayFieldStart("Value");
                for (String s : texts) {
                    writePersonName(g, s);
                }
                g.writeEndArray();
            }
            case DS, IS -> {
                g.writeArrayFieldStart("Value");
                for (String s : texts) {
                    if (s.isEmpty()) {
                        g.writeNull();
                    } else if (JSON_NUMBER.matcher(s).matches()) {
                        g.writeNumber(s);
                    } else {
                        g.writeString(s);
                    }
                }
                g.writeEndArray();
            }
            case AT -> {
                g.writeArrayFieldStart("Value");
                for (int t : ByteValues.decodeInts(vr, b)) {
                    g.writeString(Tag.toHexString(t));
                }
                g.writeEndArray();
            }
            case US, SS, SL -> {
                g.writeArrayFieldStart("Value");
                for (int v : ByteValues.decodeInts(vr, b)) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            case UL -> {
                g.writeArrayFieldStart("Value");
                for (int v : ByteValues.decodeInts(vr, b)) {
                    g.writeNumber(v & 0xFFFFFFFFL);
                }
                g.writeEndArray();
            }
            case SV, UV -> writeVeryLongs(g, vr, b);
            case FL, FD -> writeFloats(g, vr, b);
            default -> {
                g.writeArrayFieldStart("Value");
                for (String s : texts) {
                    if (s.isEmpty()) {
                        g.writeNull();
                    } else {
                        g.writeString(s);
                    }
                }
                g.writeEndArray();
            }
        }
    }

    private static void writePersonName(JsonGenerator g, String value) throws IOException {
        if (value.isEmpty()) {
            g.writeNull();
            return;
        }
        PersonName pn = PersonName.parse(value);
        g.writeStartObject();
        if (!pn.alphabetic().isEmpty()) {
            g.writeStringField("Alphabetic", pn.alphabetic());
        }
        if (!pn.ideographic().isEmpty()) {
            g.writeStringField("Ideographic", pn.ideographic());
        }
        if (!pn.phonetic().isEmpty()) {
            g.writeStringField("Phonetic", pn.phonetic());
        }
        g.writeEndObject();
    }

    private static void writeVeryLongs(JsonGenerator g, VR vr, byte[] b) throws IOException {
        g.writeArrayFieldStart("Value");
        for (int off = 0; off + 8 <= b.length; off += 8) {
            long v = ByteValues.i64(b, off);
            boolean exact = vr == VR.SV ? v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER : Long.compareUnsigned(v, MAX_SAFE_INTEGER) <= 0;
            if (exact) {
                g.writeNumber(v);
            } else {
                g.writeString(vr == VR.SV ? Long.toString(v) : Long.toUnsignedString(v));
            }
        }
        g.writeEndArray();
    }

    private static void writeFloats(JsonGenerator g, VR vr, byte[] b) throws IOException {
        g.writeArrayFieldStart("Value");
        for (double d : ByteValues.decodeDoubles(vr, b)) {
            if (!Double.isFinite(d)) {
                g.writeString(Double.toString(d));
            } else if (vr == VR.FL) {
                g.writeNumber((float) d);
            } else {
                g.writeNumber(d);
            }
        }
        g.writeEndArray();
    }
}
