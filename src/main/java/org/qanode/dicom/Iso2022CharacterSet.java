package org.qanode.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Specific Character Sets with ISO 2022 code extensions (PS3.5 section 6.1.2.5, PS3.3
 * C.12.1.1.2): the first value of (0008,0005) names the sets in force at the start of every
 * value (G0, and G1 for the single-byte sets), further values name the sets escape sequences
 * may designate. Examples of PS3.5 Annexes H (Japanese), I (Korean) and K (Chinese).
 *
 * <p>The sets of value 1 are in force again at the start of a value and after each delimiter
 * that PS3.5 6.1.2.5.3 lists: CR, LF, FF, TAB, the backslash between values, and for PN the
 * '^' and '=' between components and groups. The encoder designates value 1's sets again before
 * each such delimiter and, as Annex I shows, designates a G1 set again after it; the decoder
 * resets at the same delimiters. A delimiter byte inside a two-byte G0 character (JIS X 0208
 * uses 0x21-0x7E for both bytes) is part of the character, not a delimiter.
 */
final class Iso2022CharacterSet extends SpecificCharacterSet {
    private static final int ESC = 0x1B;

    /** G0 and G1 at the start of each value (G1 null: nothing designated, as for value 1 empty). */
    private final Iso2022CodeElement initialG0;
    private final Iso2022CodeElement initialG1;
    /** Every set a value may designate, in the order of (0008,0005): the encoder's preference. */
    private final List<Iso2022CodeElement> elements;

    private Iso2022CharacterSet(String[] codes, Iso2022CodeElement g0, Iso2022CodeElement g1,
            List<Iso2022CodeElement> elements) {
        super(codes);
        this.initialG0 = g0;
        this.initialG1 = g1;
        this.elements = List.copyOf(elements);
    }

    /**
     * The set for the trimmed values of (0008,0005). Unknown terms are left out (a wrong label
     * must not make a file unreadable); a multi-byte set in value 1 is allowed for the files that
     * use e.g. "ISO 2022 IR 149" alone, and is then in force from the start of each value.
     */
    static SpecificCharacterSet of(String[] codes) {
        List<Iso2022CodeElement> all = new ArrayList<>();
        Iso2022CodeElement g0 = Iso2022CodeElement.ASCII;
        Iso2022CodeElement g1 = null;
        for (int i = 0; i < codes.length; i++) {
            List<Iso2022CodeElement> designated = Iso2022CodeElement.ofTerm(codes[i]);
            if (designated == null) {
                continue;
            }
            for (Iso2022CodeElement e : designated) {
                if (!all.contains(e)) {
                    all.add(e);
                }
                if (i == 0 && e.isG0() && !e.isMultiByte()) {
                    g0 = e;
                } else if (i == 0 && !e.isG0()) {
                    g1 = e;
                }
            }
        }
        if (!all.contains(g0)) {
            all.add(0, g0);
        }
        return new Iso2022CharacterSet(codes, g0, g1, all);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length) {
        return decode(bytes, offset, length, VR.LO);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        StringBuilder out = new StringBuilder(length);
        Iso2022CodeElement g0 = initialG0;
        Iso2022CodeElement g1 = initialG1;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == ESC) {
                Iso2022CodeElement designated = designation(bytes, i, end);
                if (designated != null) {
                    if (designated.isG0()) {
                        g0 = designated;
                    } else {
                        g1 = designated;
                    }
                    i += designated.escape().length;
                } else {
                    out.append((char) b); // not a designation we know: keep it visible rather than drop it
                    i++;
                }
                continue;
            }
            if (b > 0x20 && b < 0x7F && g0.isMultiByte()) {
                int run = graphicRun(bytes, i, end, 0x21, 0x7E);
                g0.decode(bytes, i, run & ~1, out);
                if ((run & 1) != 0) {
                    out.append('\uFFFD'); // half a character: the value was cut
                }
                i += run;
                continue;
            }
            if (b >= 0xA0 && g1 != null && !(g1.isMultiByte() && b == 0xA0)) {
                int run = graphicRun(bytes, i, end, g1.isMultiByte() ? 0xA1 : 0xA0, 0xFF);
                g1.decode(bytes, i, g1.isMultiByte() ? run & ~1 : run, out);
                if (g1.isMultiByte() && (run & 1) != 0) {
                    out.append('\uFFFD');
                }
                i += run;
                continue;
            }
            // G0 single-byte (ASCII or Romaji, both read as ASCII), controls, and bytes no set
            // covers, which fall back to Latin-1 as in SpecificCharacterSet.DEFAULT.
            char c = (char) b;
            out.append(c);
            if (isDelimiter(c, vr)) {
                g0 = initialG0;
                g1 = initialG1;
            }
            i++;
        }
        return out.toString();
    }

    private Iso2022CodeElement designation(byte[] bytes, int off, int end) {
        for (Iso2022CodeElement e : Iso2022CodeElement.values()) {
            if (e.matchEscape(bytes, off, end) > 0) {
                return e;
            }
        }
        return null;
    }

    /** Number of bytes from {@code from} that lie in [lo, hi]. */
    private static int graphicRun(byte[] bytes, int from, int end, int lo, int hi) {
        int i = from;
        while (i < end && (bytes[i] & 0xFF) >= lo && (bytes[i] & 0xFF) <= hi) {
            i++;
        }
        return i - from;
    }

    /** The delimiters of PS3.5 6.1.2.5.3 for values of {@code vr}. */
    static boolean isDelimiter(int c, VR vr) {
        return switch (c) {
            case '\r', '\n', '\f', '\t' -> true;
            case '\\' -> vr.backslashSeparated();
            case '^', '=' -> vr == VR.PN;
            default -> false;
        };
    }

    @Override
    public byte[] encode(String text) {
        return encode(text, VR.LO);
    }

    /**
     * Encodes character by character: the set in force if it has the character, else the first
     * set in (0008,0005) order that has it, designated by its escape sequence; the approach of
     * dcmtk and dcm4che. Characters no set has become '?', as {@link String#getBytes} does.
     */
    @Override
    public byte[] encode(String text, VR vr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2 + 8);
        CharsetEncoder[] encoders = new CharsetEncoder[Iso2022CodeElement.values().length];
        Iso2022CodeElement g0 = initialG0;
        Iso2022CodeElement g1 = initialG1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                boolean delimiter = isDelimiter(cp, vr);
                if (g0.isMultiByte() || (delimiter && g0 != initialG0)) {
                    out.writeBytes(initialG0.escape());
                    g0 = initialG0;
                }
                out.write(cp);
                if (delimiter) {
                    g1 = initialG1;
                }
                continue;
            }
            byte[] code = null;
            Iso2022CodeElement using = null;
            for (Iso2022CodeElement e : candidates(g0, g1)) {
                CharsetEncoder enc = encoders[e.ordinal()];
                if (enc == null && e.isMultiByte()) {
                    enc = encoders[e.ordinal()] = e.newEncoder();
                }
                code = e.encode(cp, enc);
                if (code != null) {
                    using = e;
                    break;
                }
            }
            if (using == null) {
                if (g0.isMultiByte()) {
                    out.writeBytes(initialG0.escape());
                    g0 = initialG0;
                }
                out.write('?');
                continue;
            }
            if (using.isG0() && g0 != using) {
                out.writeBytes(using.escape());
                g0 = using;
            } else if (!using.isG0() && g1 != using) {
                out.writeBytes(using.escape());
                g1 = using;
            }
            out.writeBytes(code);
        }
        if (g0 != initialG0) {
            out.writeBytes(initialG0.escape()); // a value ends in the sets of value 1 (6.1.2.5.3)
        }
        return out.toByteArray();
    }

    /** The sets in force first (no escape needed), then the others in (0008,0005) order. */
    private List<Iso2022CodeElement> candidates(Iso2022CodeElement g0, Iso2022CodeElement g1) {
        List<Iso2022CodeElement> order = new ArrayList<>(elements.size() + 2);
        if (g1 != null) {
            order.add(g1);
        }
        if (g0.isMultiByte()) {
            order.add(g0);
        }
        for (Iso2022CodeElement e : elements) {
            if (!order.contains(e) && e != Iso2022CodeElement.ASCII && e != Iso2022CodeElement.JIS_X0201_ROMAJI) {
                order.add(e);
            }
        }
        return order;
    }

    /** 0x5C can be the second byte of a JIS X 0208 or JIS X 0212 character. */
    @Override
    public boolean backslashSafe() {
        return elements.stream().noneMatch(e -> e.isG0() && e.isMultiByte());
    }
}
