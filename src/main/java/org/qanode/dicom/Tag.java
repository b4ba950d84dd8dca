package org.qanode.dicom;

/**
 * Operations on data element tags as ints (group in the high 16 bits). The constants, one per
 * keyword of the whole dictionary, are in the generated {@link Tags}.
 */
public final class Tag {
    private Tag() {
    }

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd groups are private (PS3.5 section 7.8), except the reserved groups 0001, 0003, 0005, 0007 and FFFF. */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) != 0 && group > 0x0008 && group != 0xFFFF;
    }

    /** Private Creator Data Elements (gggg,0010-00FF), PS3.5 section 7.8.1. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** Group Length (gggg,0000), retired except in group 0002 (PS3.5 section 7.2). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** The private creator element (gggg,00xx) that reserves the block a private element is in. */
    public static int privateCreatorOf(int tag) {
        return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
    }

    public static boolean isItemOrDelimiter(int tag) {
        return group(tag) == 0xFFFE;
    }

    /** "(GGGG,EEEE)", upper-case hex as in ARCHITECTURE.md's tag paths. */
    public static String toString(int tag) {
        return "(" + hex4(group(tag)) + "," + hex4(element(tag)) + ")";
    }

    /** "GGGGEEEE", the DICOM JSON key form (PS3.18 F.2.1.1). */
    public static String toHexString(int tag) {
        return hex4(group(tag)) + hex4(element(tag));
    }

    /** Parses "GGGGEEEE" or "(GGGG,EEEE)"; throws IllegalArgumentException otherwise. */
    public static int parse(String text) {
        String s = text.trim();
        if (s.startsWith("(") && s.endsWith(")") && s.length() == 11 && s.charAt(5) == ',') {
            s = s.substring(1, 5) + s.substring(6, 10);
        }
        if (s.length() != 8) {
            throw new IllegalArgumentException("not a tag: " + text);
        }
        try {
            return (int) Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a tag: " + text, e);
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String hex4(int v) {
        return new String(new char[] {HEX[(v >> 12) & 15], HEX[(v >> 8) & 15], HEX[(v >> 4) & 15], HEX[v & 15]});
    }
}
