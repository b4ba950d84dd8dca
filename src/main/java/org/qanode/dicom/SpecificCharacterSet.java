package org.qanode.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes and encodes text values by the data set's Specific Character Set (0008,0005),
 * PS3.5 section 6.1 and Annex K/PS3.3 C.12.1.1.2. Single-byte sets, ISO_IR 192 (UTF-8)
 * and GB18030/GBK map to one Java charset; sets using ISO 2022 code extensions are
 * handled by {@link Iso2022CharacterSet}.
 */
public abstract class SpecificCharacterSet {

    /**
     * The default repertoire (ISO-IR 6). Bytes above 0x7F are not allowed there but
     * real files contain them, so they decode as Latin-1 instead of replacement chars.
     */
    public static final SpecificCharacterSet DEFAULT = new Simple(new String[0], StandardCharsets.ISO_8859_1);

    private static final Map<String, String> SINGLE = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "x-IBM874"),
            Map.entry("ISO_IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("GBK", "GBK"));

    private final String[] codes;

    protected SpecificCharacterSet(String[] codes) {
        this.codes = codes.clone();
    }

    /** The Defined Terms as found in (0008,0005), blanks for an empty first value. */
    public String[] codes() {
        return codes.clone();
    }

    public abstract String decode(byte[] bytes, int offset, int length);

    public abstract byte[] encode(String text);

    /**
     * Decodes a value of {@code vr}. Only sets with ISO 2022 code extensions need the VR: it
     * decides which delimiters bring back the initial character sets (PS3.5 6.1.2.5.3).
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        return decode(bytes, offset, length);
    }

    /** Encodes a value of {@code vr}; see {@link #decode(byte[], int, int, VR)} for why the VR matters. */
    public byte[] encode(String text, VR vr) {
        return encode(text);
    }

    /**
     * The character set for the values of (0008,0005). Unknown terms fall back to the
     * default repertoire: a wrong label must not make a file unreadable.
     */
    public static SpecificCharacterSet valueOf(String... codes) {
        if (codes == null || codes.length == 0) {
            return DEFAULT;
        }
        String[] trimmed = new String[codes.length];
        boolean iso2022 = codes.length > 1;
        for (int i = 0; i < codes.length; i++) {
            trimmed[i] = codes[i] == null ? "" : codes[i].trim();
            if (trimmed[i].startsWith("ISO 2022")) {
                iso2022 = true;
            }
        }
        if (iso2022) {
            return Iso2022CharacterSet.of(trimmed);
        }
        String name = SINGLE.get(trimmed[0]);
        if (name == null || !Charset.isSupported(name)) {
            return trimmed[0].isEmpty() ? DEFAULT : new Simple(trimmed, StandardCharsets.ISO_8859_1);
        }
        return new Simple(trimmed, Charset.forName(name));
    }

    /** Java charset name of one Defined Term without code extensions, or null. */
    static String javaCharsetOf(String term) {
        return SINGLE.get(term);
    }

    /** Whether this set may contain the byte 0x5C inside a multi-byte character (PS3.5 6.1.2.5.3). */
    public boolean backslashSafe() {
        return true;
    }

    static final class Simple extends SpecificCharacterSet {
        private final Charset charset;

        Simple(String[] codes, Charset charset) {
            super(codes);
            this.charset = charset;
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, charset);
        }

        @Override
        public byte[] encode(String text) {
            return text.getBytes(charset);
        }

        @Override
        public boolean backslashSafe() {
            return !charset.name().startsWith("GB");
        }
    }
}
