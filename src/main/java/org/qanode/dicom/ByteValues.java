package org.qanode.dicom;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decoding and encoding of element values held as little-endian bytes (PS3.5 section 6.2). */
public final class ByteValues {
    private ByteValues() {
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    public static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xFFFFFFFFL) | ((long) i32(b, off + 4) << 32);
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >> 8);
    }

    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >> 8);
        b[off + 2] = (byte) (v >> 16);
        b[off + 3] = (byte) (v >> 24);
    }

    public static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) v);
        put32(b, off + 4, (int) (v >> 32));
    }

    /**
     * Reverses the byte order of each binary value in place: the model holds little-endian
     * values, a big-endian stream (PS3.5 A.3) has them the other way round. AT is two 16-bit
     * numbers, not one 32-bit one; text, OB and UN are bytes and stay as they are.
     */
    public static void swapByteOrder(byte[] b, VR vr) {
        int size = vr == VR.AT ? 2 : vr.binaryValueSize();
        if (size < 2 || vr.isText()) {
            return;
        }
        for (int i = 0; i + size <= b.length; i += size) {
            for (int lo = i, hi = i + size - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    /**
     * Removes padding that PS3.5 Table 6.2-1 calls insignificant: trailing spaces for every
     * text VR, leading spaces too where the VR allows them, and the trailing NUL of a UI
     * (also tolerated on other VRs because real writers pad with NUL).
     */
    public static String trimPadding(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (!keepsLeadingSpaces(vr)) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** LT, ST, UT, UC and UR keep leading spaces (PS3.5 Table 6.2-1). */
    static boolean keepsLeadingSpaces(VR vr) {
        return vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UC || vr == VR.UR;
    }

    /** Splits a text value into its values (PS3.5 6.4) and trims each per VR. */
    public static String[] splitText(String s, VR vr) {
        if (s.isEmpty()) {
            return new String[0];
        }
        if (!vr.backslashSeparated()) {
            return new String[] {s};
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\\') {
                out.add(trimPadding(s.substring(start, i), vr));
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    public static int[] decodeInts(VR vr, byte[] b) {
        int n;
        int[] out;
        switch (vr) {
            case US, OW -> {
                n = b.length / 2;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = u16(b, i * 2);
                }
            }
            case SS -> {
                n = b.length / 2;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (short) u16(b, i * 2);
                }
            }
            case UL, SL, OL, AT -> {
                n = b.length / 4;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = vr == VR.AT ? (u16(b, i * 4) << 16) | u16(b, i * 4 + 2) : i32(b, i * 4);
                }
            }
            case SV, UV, OV -> {
                n = b.length / 8;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) i64(b, i * 8);
                }
            }
            case FL, OF, FD, OD -> {
                double[] d = decodeDoubles(vr, b);
                out = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (int) Math.round(d[i]);
                }
            }
            default -> {
                out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xFF;
                }
            }
        }
        return out;
    }

    public static double[] decodeDoubles(VR vr, byte[] b) {
        double[] out;
        switch (vr) {
            case FL, OF -> {
                out = new double[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat(i32(b, i * 4));
                }
            }
            case FD, OD -> {
                out = new double[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Double.longBitsToDouble(i64(b, i * 8));
                }
            }
            case UL -> {
                out = new double[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = i32(b, i * 4) & 0xFFFFFFFFL;
                }
            }
            case UV -> {
                out = new double[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Long.toUnsignedString(i64(b, i * 8)).length() > 18
                            ? new BigDecimal(Long.toUnsignedString(i64(b, i * 8))).doubleValue()
                            : i64(b, i * 8);
                }
            }
            case SV -> {
                out = new double[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = i64(b, i * 8);
                }
            }
            default -> {
                int[] ints = decodeInts(vr, b);
                out = new double[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    out[i] = ints[i];
                }
            }
        }
        return out;
    }

    /** Binary values formatted one per value, the way dcmdump prints them. */
    public static String[] formatBinary(VR vr, byte[] b) {
        switch (vr) {
            case US, SS, SL -> {
                return Arrays.stream(decodeInts(vr, b)).mapToObj(Integer::toString).toArray(String[]::new);
            }
            case UL -> {
                int[] v = decodeInts(vr, b);
                String[] out = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = Long.toString(v[i] & 0xFFFFFFFFL);
                }
                return out;
            }
            case SV -> {
                String[] out = new String[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Long.toString(i64(b, i * 8));
                }
                return out;
            }
            case UV -> {
                String[] out = new String[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Long.toUnsignedString(i64(b, i * 8));
                }
                return out;
            }
            case AT -> {
                int[] v = decodeInts(vr, b);
                String[] out = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = Tag.toString(v[i]);
                }
                return out;
            }
            case FL, FD -> {
                double[] v = decodeDoubles(vr, b);
                String[] out = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = vr == VR.FL ? Float.toString((float) v[i]) : Double.toString(v[i]);
                }
                return out;
            }
            default -> {
                return new String[] {hex(b, 0, Math.min(b.length, 64)) + (b.length > 64 ? "..." : "")};
            }
        }
    }

    public static byte[] encodeInts(VR vr, int... v) {
        int size = vr.binaryValueSize();
        if (size == 0) {
            throw new IllegalArgumentException("VR " + vr + " holds no binary numbers");
        }
        byte[] b = new byte[v.length * size];
        for (int i = 0; i < v.length; i++) {
            switch (vr) {
                case US, SS, OW -> put16(b, i * 2, v[i]);
                case AT -> {
                    put16(b, i * 4, v[i] >>> 16);
                    put16(b, i * 4 + 2, v[i]);
                }
                case FL, OF -> put32(b, i * 4, Float.floatToIntBits(v[i]));
                case FD, OD -> put64(b, i * 8, Double.doubleToLongBits(v[i]));
                case SV, UV, OV -> put64(b, i * 8, vr == VR.SV ? v[i] : v[i] & 0xFFFFFFFFL);
                default -> put32(b, i * 4, v[i]);
            }
        }
        return b;
    }

    public static byte[] encodeDoubles(VR vr, double... v) {
        switch (vr) {
            case FL, OF -> {
                byte[] b = new byte[v.length * 4];
                for (int i = 0; i < v.length; i++) {
                    put32(b, i * 4, Float.floatToIntBits((float) v[i]));
                }
                return b;
            }
            case FD, OD -> {
                byte[] b = new byte[v.length * 8];
                for (int i = 0; i < v.length; i++) {
                    put64(b, i * 8, Double.doubleToLongBits(v[i]));
                }
                return b;
            }
            default -> {
                int[] ints = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    ints[i] = (int) Math.round(v[i]);
                }
                return encodeInts(vr, ints);
            }
        }
    }

    /** A DS value of at most 16 characters (PS3.5 Table 6.2-1), without a needless ".0". */
    public static String formatDecimalString(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        if (s.length() <= 16) {
            return s;
        }
        for (int digits = 15; digits > 0; digits--) {
            String e = String.format(java.util.Locale.ROOT, "%." + digits + "G", d).replace("E+", "E");
            if (e.length() <= 16) {
                return e;
            }
        }
        return Double.toString(d);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = off; i < off + len; i++) {
            if (i > off) {
                sb.append('\\');
            }
            sb.append(HEX[(b[i] >> 4) & 15]).append(HEX[b[i] & 15]);
        }
        return sb.toString();
    }

    /** Structural equality of two model values; sequences compared item by item. */
    public static boolean valueEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Sequence x && b instanceof Sequence y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!x.get(i).deepEquals(y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Fragments x && b instanceof Fragments y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!valueEquals(x.items().get(i), y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a != null && a.equals(b);
    }
}
