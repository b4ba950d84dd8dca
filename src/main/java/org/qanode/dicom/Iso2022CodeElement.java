package org.qanode.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graphic character sets that ISO 2022 escape sequences may designate in DICOM, with the
 * Defined Term that allows each, its escape sequence and code element (G0 or G1), as listed in
 * PS3.3 Table C.12-3 (single-byte, with code extensions) and Table C.12-4 (multi-byte).
 *
 * <p>DICOM uses the 8-bit ISO 2022 environment without locking shifts: G0 is always invoked into
 * GL (0x21-0x7E) and G1 into GR (0xA0-0xFF), so designating a set is the only switch there is
 * (PS3.5 section 6.1.2.5.1). Multi-byte G0 sets take two GL bytes per character, multi-byte G1
 * sets two GR bytes.
 */
enum Iso2022CodeElement {
    /** ISO-IR 6, ASCII: the default G0 set. */
    ASCII("ISO 2022 IR 6", true, false, null, 0x1B, '(', 'B'),
    /**
     * JIS X 0201 Romaji. Decoded and encoded as ASCII: it differs only at 0x5C (Yen sign) and 0x7E
     * (overline), and 0x5C must stay the DICOM value delimiter (PS3.5 section 6.1.2.3).
     */
    JIS_X0201_ROMAJI("ISO 2022 IR 13", true, false, null, 0x1B, '(', 'J'),
    /** JIS X 0201 Katakana, the half-width katakana at 0xA1-0xDF. */
    JIS_X0201_KATAKANA("ISO 2022 IR 13", false, false, null, 0x1B, ')', 'I'),
    LATIN1("ISO 2022 IR 100", false, false, "ISO-8859-1", 0x1B, '-', 'A'),
    LATIN2("ISO 2022 IR 101", false, false, "ISO-8859-2", 0x1B, '-', 'B'),
    LATIN3("ISO 2022 IR 109", false, false, "ISO-8859-3", 0x1B, '-', 'C'),
    LATIN4("ISO 2022 IR 110", false, false, "ISO-8859-4", 0x1B, '-', 'D'),
    CYRILLIC("ISO 2022 IR 144", false, false, "ISO-8859-5", 0x1B, '-', 'L'),
    ARABIC("ISO 2022 IR 127", false, false, "ISO-8859-6", 0x1B, '-', 'G'),
    GREEK("ISO 2022 IR 126", false, false, "ISO-8859-7", 0x1B, '-', 'F'),
    HEBREW("ISO 2022 IR 138", false, false, "ISO-8859-8", 0x1B, '-', 'H'),
    LATIN5("ISO 2022 IR 148", false, false, "ISO-8859-9", 0x1B, '-', 'M'),
    LATIN9("ISO 2022 IR 203", false, false, "ISO-8859-15", 0x1B, '-', 'b'),
    THAI("ISO 2022 IR 166", false, false, "TIS-620", 0x1B, '-', 'T'),
    /** JIS X 0208 Kanji, two GL bytes; decoded through EUC-JP with the high bits set. */
    JIS_X0208("ISO 2022 IR 87", true, true, "EUC-JP", 0x1B, '$', 'B'),
    /** JIS X 0212 supplementary Kanji, two GL bytes; EUC-JP writes them after the SS3 byte 0x8F. */
    JIS_X0212("ISO 2022 IR 159", true, true, "EUC-JP", 0x1B, '$', '(', 'D'),
    /** KS X 1001 (KS C 5601) Hangul and Hanja, two GR bytes, the same bytes as EUC-KR. */
    KS_X1001("ISO 2022 IR 149", false, true, "EUC-KR", 0x1B, '$', ')', 'C'),
    /** GB 2312 simplified Chinese, two GR bytes, the same bytes as EUC-CN. */
    GB2312("ISO 2022 IR 58", false, true, "GB2312", 0x1B, '$', ')', 'A');

    private static final Map<String, List<Iso2022CodeElement>> BY_TERM = new HashMap<>();

    static {
        for (Iso2022CodeElement e : values()) {
            BY_TERM.computeIfAbsent(e.term, k -> new ArrayList<>(2)).add(e);
            // A first value without code extensions names the same G0/G1 pair (PS3.3 C.12.1.1.2).
            BY_TERM.computeIfAbsent(e.term.replace("ISO 2022 IR ", "ISO_IR "), k -> new ArrayList<>(2)).add(e);
        }
        BY_TERM.put("", List.of(ASCII));
    }

    private final String term;
    private final boolean g0;
    private final boolean multiByte;
    private final Charset charset;
    private final byte[] escape;
    /** Single-byte G1 sets: the characters of 0xA0-0xFF, and the way back. */
    private final char[] upperHalf;
    private final Map<Character, Byte> upperHalfCodes;

    Iso2022CodeElement(String term, boolean g0, boolean multiByte, String charsetName, int... escape) {
        this.term = term;
        this.g0 = g0;
        this.multiByte = multiByte;
        this.charset = charsetName == null ? null : Charset.forName(charsetName);
        this.escape = new byte[escape.length];
        for (int i = 0; i < escape.length; i++) {
            this.escape[i] = (byte) escape[i];
        }
        if (!g0 && !multiByte && charset != null) {
            byte[] high = new byte[96];
            for (int i = 0; i < 96; i++) {
                high[i] = (byte) (0xA0 + i);
            }
            upperHalf = new String(high, charset).toCharArray();
            upperHalfCodes = new HashMap<>(128);
            for (int i = 0; i < upperHalf.length; i++) {
                if (upperHalf[i] != '\uFFFD') {
                    upperHalfCodes.put(upperHalf[i], high[i]);
                }
            }
        } else {
            upperHalf = null;
            upperHalfCodes = null;
        }
    }

    /** The code elements a Defined Term of (0008,0005) designates; null for an unknown term. */
    static List<Iso2022CodeElement> ofTerm(String term) {
        return BY_TERM.get(term);
    }

    String term() {
        return term;
    }

    boolean isG0() {
        return g0;
    }

    boolean isMultiByte() {
        return multiByte;
    }

    byte[] escape() {
        return escape.clone();
    }

    /** Length of this element's escape sequence if it starts at {@code b[off]}, else 0. */
    int matchEscape(byte[] b, int off, int end) {
        if (end - off < escape.length) {
            return 0;
        }
        for (int i = 0; i < escape.length; i++) {
            if (b[off + i] != escape[i]) {
                return 0;
            }
        }
        return escape.length;
    }

    /**
     * Decodes a run of characters of this set: for a single-byte G1 set bytes 0xA0-0xFF, for a
     * multi-byte set pairs of 7-bit codes (high bit ignored, so GL and GR runs look alike).
     */
    void decode(byte[] b, int off, int len, StringBuilder out) {
        if (this == JIS_X0201_KATAKANA) {
            for (int i = off; i < off + len; i++) {
                int c = b[i] & 0x7F;
                out.append(c >= 0x21 && c <= 0x5F ? (char) (0xFF61 + c - 0x21) : '\uFFFD');
            }
        } else if (!multiByte) {
            for (int i = off; i < off + len; i++) {
                out.append(upperHalf[(b[i] & 0xFF) - 0xA0]);
            }
        } else {
            int pairs = len / 2;
            int width = this == JIS_X0212 ? 3 : 2;
            byte[] euc = new byte[pairs * width];
            for (int p = 0, w = 0; p < pairs; p++) {
                if (width == 3) {
                    euc[w++] = (byte) 0x8F;
                }
                euc[w++] = (byte) (b[off + 2 * p] | 0x80);
                euc[w++] = (byte) (b[off + 2 * p + 1] | 0x80);
            }
            out.append(new String(euc, charset));
        }
    }

    /**
     * The bytes of one code point in this set as they go on the wire (GL for G0, GR for G1),
     * or null if the set does not contain it. ASCII and Romaji are handled by the caller.
     */
    byte[] encode(int codePoint, CharsetEncoder encoder) {
        if (this == JIS_X0201_KATAKANA) {
            return codePoint >= 0xFF61 && codePoint <= 0xFF9F ? new byte[] {(byte) (0xA1 + codePoint - 0xFF61)} : null;
        }
        if (!multiByte) {
            Byte code = codePoint <= 0xFFFF && upperHalfCodes != null ? upperHalfCodes.get((char) codePoint) : null;
            return code == null ? null : new byte[] {code};
        }
        if (encoder == null) {
            return null;
        }
        byte[] euc;
        try {
            ByteBuffer bb = encoder.encode(CharBuffer.wrap(Character.toChars(codePoint)));
            euc = new byte[bb.remaining()];
            bb.get(euc);
        } catch (CharacterCodingException e) {
            return null;
        }
        // EUC-JP holds both JIS sets; only the form that belongs to this element counts.
        if (this == JIS_X0212) {
            return euc.length == 3 && (euc[0] & 0xFF) == 0x8F && (euc[1] & 0xFF) >= 0xA1 && (euc[2] & 0xFF) >= 0xA1
                    ? new byte[] {(byte) (euc[1] & 0x7F), (byte) (euc[2] & 0x7F)} : null;
        }
        if (euc.length != 2 || (euc[0] & 0xFF) < 0xA1 || (euc[1] & 0xFF) < 0xA1) {
            return null;
        }
        return g0 ? new byte[] {(byte) (euc[0] & 0x7F), (byte) (euc[1] & 0x7F)} : new byte[] {euc[0], euc[1]};
    }

    /** A fresh encoder for {@link #encode}, or null for the sets that need none. */
    CharsetEncoder newEncoder() {
        return multiByte ? charset.newEncoder() : null;
    }
}
