package org.qanode.compare;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.VR;

/**
 * The meaning of one element value, for comparison and for reports (ARCHITECTURE.md "What
 * equal means"). A value is read in the data set that holds it, so text is decoded with that
 * data set's Specific Character Set and two encodings of the same text compare equal.
 *
 * <ul>
 * <li>DS, IS: number by number within the tolerance ({@link Profile.Tolerance}: absolute or relative) ('1.0' equals '1', ' 1' equals '1');
 *     a value that is not a number compares as text;</li>
 * <li>US, SS, UL, SL, FL, FD, SV, UV: number by number within the tolerance;</li>
 * <li>other text VRs: value by value after removing the padding PS3.5 calls insignificant
 *     (trailing spaces, leading ones where allowed, the trailing NUL of a UI);</li>
 * <li>AT and bulk VRs (OB, OW, OF, OD, OL, OV, pixel data): bytes, reported as SHA-256;</li>
 * <li>UN (private elements of implicit VR files): as the other side's VR when that is known; if
 *     both are UN and the bytes are printable text, as text with padding trimmed, else bytes.</li>
 * </ul>
 */
final class ElementValue {
    private ElementValue() {
    }

    static boolean isNumericText(VR vr) {
        return vr == VR.DS || vr == VR.IS;
    }

    static boolean isNumericBinary(VR vr) {
        return switch (vr) {
            case US, SS, UL, SL, FL, FD, SV, UV -> true;
            default -> false;
        };
    }

    /** The VR to interpret both values with: UN takes the other side's VR. */
    static VR common(VR a, VR b) {
        if (a == b) {
            return a;
        }
        if (a == VR.UN) {
            return b;
        }
        if (b == VR.UN) {
            return a;
        }
        return null;
    }

    /** Equality of two in-memory values read as {@code vr}. */
    static boolean equal(VR vr, byte[] a, Dataset da, byte[] b, Dataset db, Supplier<Profile.Tolerance> tolerance) {
        if (vr == VR.UN) {
            return printable(a) && printable(b) && trimText(a).equals(trimText(b));
        }
        if (isNumericText(vr)) {
            return numbersEqual(split(vr, a, da), split(vr, b, db), tolerance);
        }
        if (isNumericBinary(vr)) {
            double[] x = ByteValues.decodeDoubles(vr, a);
            double[] y = ByteValues.decodeDoubles(vr, b);
            if (x.length != y.length) {
                return false;
            }
            Profile.Tolerance tol = null;
            for (int i = 0; i < x.length; i++) {
                if (Double.compare(x[i], y[i]) != 0) {
                    if (tol == null) {
                        tol = tolerance.get();
                    }
                    if (!tol.equal(x[i], y[i])) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (vr.isText()) {
            return java.util.Arrays.equals(split(vr, a, da), split(vr, b, db));
        }
        return java.util.Arrays.equals(a, b);
    }

    private static boolean numbersEqual(String[] x, String[] y, Supplier<Profile.Tolerance> tolerance) {
        if (x.length != y.length) {
            return false;
        }
        Profile.Tolerance tol = null;
        for (int i = 0; i < x.length; i++) {
            if (x[i].equals(y[i])) {
                continue;
            }
            double u;
            double v;
            try {
                u = Double.parseDouble(x[i]);
                v = Double.parseDouble(y[i]);
            } catch (NumberFormatException e) {
                return false;
            }
            if (tol == null) {
                tol = tolerance.get();
            }
            if (!tol.equal(u, v)) {
                return false;
            }
        }
        return true;
    }

    /** The values of a text element, decoded in the data set that holds it and trimmed per VR. */
    static String[] split(VR vr, byte[] bytes, Dataset holder) {
        String s = vr.kind() == VR.Kind.TEXT
                ? holder.characterSet().decode(bytes, 0, bytes.length)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        return ByteValues.splitText(ByteValues.trimPadding(s, vr), vr);
    }

    /** True for bytes that are printable ASCII apart from space/NUL padding. */
    static boolean printable(byte[] b) {
        for (byte x : b) {
            if ((x < 0x20 || x > 0x7E) && x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String trimText(byte[] b) {
        return ByteValues.trimPadding(new String(b, StandardCharsets.ISO_8859_1), VR.LT);
    }

    /**
     * The report form of a value: decoded text with several values backslash-joined,
     * numbers as dcmdump prints them, "sha256:..." for bytes (length given separately), and
     * "(sequence of N items)" for a sequence.
     */
    static String text(VR vr, Object value, Dataset holder) {
        if (value instanceof Sequence s) {
            return "(sequence of " + s.size() + (s.size() == 1 ? " item)" : " items)");
        }
        if (!(value instanceof byte[] b)) {
            return BinaryDigest.of(vr, value).text();
        }
        if (vr == VR.UN) {
            return printable(b) ? trimText(b) : BinaryDigest.of(vr, b).text();
        }
        if (vr.isText()) {
            return String.join("\\", split(vr, b, holder));
        }
        if (isNumericBinary(vr) || vr == VR.AT) {
            return String.join("\\", ByteValues.formatBinary(vr, b));
        }
        return BinaryDigest.of(vr, b).text();
    }

    /** Byte length for values reported by digest, else null. */
    static Long digestLength(VR vr, Object value) {
        if (value instanceof Sequence) {
            return null;
        }
        if (value instanceof byte[] b) {
            boolean digested = vr == VR.UN ? !printable(b) : !(vr.isText() || isNumericBinary(vr) || vr == VR.AT);
            return digested ? (long) b.length : null;
        }
        return BinaryDigest.of(vr, value).length();
    }
}
