package org.qanode.dicom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.PersonName;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/**
 * Reads the DICOM JSON Model of PS3.18 Annex F into data sets with Jackson's streaming parser;
 * the counterpart of {@link DicomJsonWriter}, whose Javadoc lists the encoding decisions.
 *
 * <p>Lenient where real JSON varies: DS, IS and the binary number VRs accept numbers or strings,
 * PN accepts a plain string as well as the object form, keys may come in any order (also "Value"
 * before "vr"), unknown keys are skipped. Text is encoded with the Specific Character Set the
 * JSON itself declares for the item or an enclosing one, so all of an object is parsed before any
 * text is encoded: (0008,0005) may come after the values it governs. Characters that set cannot
 * hold become '?', as {@link String#getBytes} does.
 */
public final class DicomJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Turns a "BulkDataURI" into a value: a {@code byte[]} or {@link org.qanode.dicom.BulkData}. */
    @FunctionalInterface
    public interface BulkDataResolver {
        Object resolve(String uri, int tag, VR vr) throws IOException;
    }

    /** Resolves the {@code file:} URIs {@link DicomJsonWriter} writes; any other URI is an error. */
    public static final BulkDataResolver LOCAL_FILES = (uri, tag, vr) -> {
        Object bulk = BulkDataUris.parse(uri);
        if (bulk == null) {
            throw new DicomJsonException("cannot resolve BulkDataURI of " + Tag.toString(tag) + ": " + uri);
        }
        return bulk;
    };

    private final BulkDataResolver resolver;

    public DicomJsonReader() {
        this(LOCAL_FILES);
    }

    public DicomJsonReader(BulkDataResolver resolver) {
        this.resolver = resolver;
    }

    public static Dataset fromJson(String json) throws IOException {
        return new DicomJsonReader().read(FACTORY.createParser(json));
    }

    public Dataset read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return read(p);
        }
    }

    public Dataset read(Reader in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return read(p);
        }
    }

    /** Reads a JSON array of data sets (QIDO-RS, WADO-RS metadata). */
    public List<Dataset> readAll(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, "a JSON array of data sets");
            List<Dataset> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(readTopLevel(p));
            }
            return out;
        }
    }

    /** Reads one data set object from a parser the caller owns. */
    public Dataset read(JsonParser p) throws IOException {
        p.nextToken();
        return readTopLevel(p);
    }

    private Dataset readTopLevel(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "a data set object");
        Dataset ds = new Dataset();
        Parse parse = new Parse();
        parse.readBody(p, ds, "");
        parse.encodePendingText();
        ds.trimToSize();
        return ds;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) throws DicomJsonException {
        if (actual != expected) {
            throw new DicomJsonException("expected " + what + " but found " + actual + " at " + location(p));
        }
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }

    /** Text waiting for its character set: set once the whole document is parsed. */
    private record PendingText(Dataset dataset, int tag, VR vr, String value) {
    }

    /** The state of one read: text values whose encoding waits for every (0008,0005). */
    private final class Parse {
        private final List<PendingText> pending = new ArrayList<>();

        void encodePendingText() {
            for (PendingText t : pending) {
                t.dataset().setString(t.tag(), t.vr(), t.value());
            }
        }

        /** Reads the fields of a data set object; the parser is on its START_OBJECT. */
        void readBody(JsonParser p, Dataset ds, String path) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int tag;
                try {
                    tag = Tag.parse(key);
                } catch (IllegalArgumentException e) {
                    throw new DicomJsonException("key \"" + key + "\" is not a tag GGGGEEEE at " + location(p), e);
                }
                expect(p, p.nextToken(), JsonToken.START_OBJECT, "an element object for " + key);
                readElement(p, ds, tag, path + "/" + Tag.toString(tag));
            }
            expect(p, t, JsonToken.END_OBJECT, "a tag key or the end of the data set");
        }

        private void readElement(JsonParser p, Dataset ds, int tag, String path) throws IOException {
            VR vr = null;
            TokenBuffer early = null;
            String earlyKey = null;
            boolean hasValue = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("vr")) {
                    vr = VR.ofName(p.getValueAsString());
                    if (vr == null) {
                        throw new DicomJsonException(path + ": unknown vr \"" + p.getText() + "\" at " + location(p));
                    }
                    if (early != null) {
                        try (JsonParser replay = early.asParser(p.getCodec())) {
                            replay.nextToken();
                            readContent(replay, ds, tag, vr, earlyKey, path);
                        }
                        early = null;
                    }
                } else if (isContentKey(key)) {
                    hasValue = true;
                    if (vr != null) {
                        readContent(p, ds, tag, vr, key, path);
                    } else {
                        // "Value" before "vr": keep the tokens until the VR says how to read them.
                        early = new TokenBuffer(p);
                        early.forceUseOfBigDecimal(true);
                        early.copyCurrentStructure(p);
                        earlyKey = key;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (vr == null) {
                throw new DicomJsonException(path + ": element without \"vr\" before " + location(p));
            }
            if (!hasValue) {
                if (vr == VR.SQ) {
                    ds.newSequence(tag, 0);
                } else {
                    ds.setNull(tag, vr);
                }
            }
        }

        private boolean isContentKey(String key) {
            return key.equals("Value") || key.equals("InlineBinary") || key.equals("BulkDataURI")
                    || key.equals("DataFragment");
        }

        private void readContent(JsonParser p, Dataset ds, int tag, VR vr, String key, String path) throws IOException {
            switch (key) {
                case "InlineBinary" -> ds.setValue(tag, vr, base64(p, path));
                case "BulkDataURI" -> ds.setValue(tag, vr, resolver.resolve(p.getText(), tag, vr));
                case "DataFragment" -> ds.setValue(tag, vr, fragments(p, tag, vr, path));
                default -> {
                    expect(p, p.currentToken(), JsonToken.START_ARRAY, path + " \"Value\" array");
                    readValues(p, ds, tag, vr, path);
                }
            }
        }

        private byte[] base64(JsonParser p, String path) throws IOException {
            try {
                return Base64.getMimeDecoder().decode(p.getText());
            } catch (IllegalArgumentException e) {
                throw new DicomJsonException(path + ": InlineBinary is not base64 at " + location(p), e);
            }
        }

        private Fragments fragments(JsonParser p, int tag, VR vr, String path) throws IOException {
            expect(p, p.currentToken(), JsonToken.START_ARRAY, path + " \"DataFragment\" array");
            Fragments fragments = new Fragments(vr);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Object fragment = new byte[0];
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (key.equals("InlineBinary")) {
                        fragment = base64(p, path);
                    } else if (key.equals("BulkDataURI")) {
                        fragment = resolver.resolve(p.getText(), tag, vr);
                    } else {
                        p.skipChildren();
                    }
                }
                fragments.add(fragment);
            }
            return fragments;
        }

        private void readValues(JsonParser p, Dataset ds, int tag, VR vr, String path) throws IOException {
            if (vr == VR.SQ) {
                Sequence seq = ds.newSequence(tag, 4);
                int n = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    Dataset item = seq.addItem();
                    n++;
                    if (t != JsonToken.VALUE_NULL) {
                        expect(p, t, JsonToken.START_OBJECT, path + " item");
                        readBody(p, item, path + "/" + n);
                    }
                    item.trimToSize();
                }
                return;
            }
            List<String> texts = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                texts.add(scalar(p, t, vr, path));
            }
            switch (vr) {
                case US, SS, SL, UL, AT -> ds.setValue(tag, vr, ints(texts, vr, path));
                case SV, UV -> ds.setValue(tag, vr, longs(texts, vr, path));
                case FL, FD -> ds.setValue(tag, vr, doubles(texts, vr, path));
                case OB, OD, OF, OL, OV, OW, UN -> throw new DicomJsonException(
                        path + ": VR " + vr + " takes InlineBinary or BulkDataURI, not Value");
                default -> {
                    String joined = String.join("\\", texts);
                    if (vr.kind() == VR.Kind.TEXT) {
                        pending.add(new PendingText(ds, tag, vr, joined));
                    } else {
                        ds.setString(tag, vr, joined);
                    }
                }
            }
        }

        /** One value as the text DICOM would hold; null values become empty. */
        private String scalar(JsonParser p, JsonToken t, VR vr, String path) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return "";
            }
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return numberText(p, vr, path);
            }
            if (t == JsonToken.START_OBJECT && vr == VR.PN) {
                return personName(p);
            }
            throw new DicomJsonException(path + ": unexpected " + t + " in Value at " + location(p));
        }

        /**
         * The number's own digits, so DS and IS keep them; a DS longer than the 16 characters of
         * PS3.5 Table 6.2-1 is rounded to fit, an integral IS written as "2.0" becomes "2".
         */
        private String numberText(JsonParser p, VR vr, String path) throws IOException {
            String text = p.getText();
            if (vr == VR.DS && text.length() > 16) {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    // e.g. 1e99999999999999999: a DS has no infinity (PS3.5 Table 6.2-1)
                    throw new DicomJsonException(path + ": " + text + " is not a value of VR DS at " + location(p));
                }
                return ByteValues.formatDecimalString(d);
            }
            if (vr == VR.IS && p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal d = wholeNumber(text, 19);
                if (d == null) {
                    throw new DicomJsonException(path + ": " + text + " is not a value of VR IS at " + location(p));
                }
                if (d.scale() <= 0) {
                    return d.toBigInteger().toString();
                }
            }
            return text;
        }

        /**
         * {@code text} as a BigDecimal without trailing zeros, or null when its integer part has
         * more than {@code maxDigits} digits or its exponent does not fit an int. Checked before any
         * conversion to an integer: BigDecimal computes 10^exponent for that, and a JSON number
         * such as 1E470280010 would keep it busy for minutes (found by fuzzing).
         */
        private BigDecimal wholeNumber(String text, int maxDigits) {
            BigDecimal d;
            try {
                d = new BigDecimal(text).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return null;
            }
            return d.precision() - d.scale() > maxDigits ? null : d;
        }

        private String personName(JsonParser p) throws IOException {
            String alphabetic = "";
            String ideographic = "";
            String phonetic = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                String v = p.currentToken() == JsonToken.VALUE_NULL ? "" : p.getText();
                switch (key) {
                    case "Alphabetic" -> alphabetic = v;
                    case "Ideographic" -> ideographic = v;
                    case "Phonetic" -> phonetic = v;
                    default -> p.skipChildren();
                }
            }
            return new PersonName(alphabetic, ideographic, phonetic).toString();
        }

        private byte[] ints(List<String> texts, VR vr, String path) throws DicomJsonException {
            int[] v = new int[texts.size()];
            for (int i = 0; i < v.length; i++) {
                String s = texts.get(i);
                try {
                    v[i] = vr == VR.AT ? Tag.parse(s) : (int) new BigDecimal(s).longValueExact();
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new DicomJsonException(path + ": \"" + s + "\" is not a value of VR " + vr, e);
                }
            }
            return ByteValues.encodeInts(vr, v);
        }

        private byte[] longs(List<String> texts, VR vr, String path) throws DicomJsonException {
            byte[] b = new byte[texts.size() * 8];
            for (int i = 0; i < texts.size(); i++) {
                String s = texts.get(i);
                try {
                    BigDecimal d = wholeNumber(s, 20);
                    if (d == null || d.scale() > 0) {
                        // not an integer of at most 20 digits; also spares toBigIntegerExact a 1E-470280010
                        throw new NumberFormatException("not a 64-bit integer");
                    }
                    String whole = d.toBigIntegerExact().toString();
                    ByteValues.put64(b, i * 8, vr == VR.UV ? Long.parseUnsignedLong(whole) : Long.parseLong(whole));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new DicomJsonException(path + ": \"" + s + "\" is not a value of VR " + vr, e);
                }
            }
            return b;
        }

        private byte[] doubles(List<String> texts, VR vr, String path) throws DicomJsonException {
            double[] v = new double[texts.size()];
            for (int i = 0; i < v.length; i++) {
                String s = texts.get(i);
                try {
                    // Double.parseDouble also reads "NaN", "Infinity" and "-Infinity", the writer's strings.
                    v[i] = vr == VR.FL ? Float.parseFloat(s) : Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new DicomJsonException(path + ": \"" + s + "\" is not a value of VR " + vr, e);
                }
            }
            return ByteValues.encodeDoubles(vr, v);
        }
    }
}
