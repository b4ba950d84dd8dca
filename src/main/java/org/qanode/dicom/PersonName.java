package org.qanode.dicom;

/**
 * A Person Name (PN) value: up to three component groups (alphabetic, ideographic,
 * phonetic) separated by '=', each with five components separated by '^' (PS3.5 6.2.1).
 */
public record PersonName(String alphabetic, String ideographic, String phonetic) {

    public static PersonName parse(String value) {
        String[] groups = value.split("=", -1);
        return new PersonName(group(groups, 0), group(groups, 1), group(groups, 2));
    }

    private static String group(String[] groups, int i) {
        return i < groups.length ? groups[i] : "";
    }

    /** Family, given, middle, prefix, suffix of the alphabetic group; missing ones empty. */
    public String[] alphabeticComponents() {
        String[] parts = alphabetic.split("\\^", -1);
        String[] out = new String[5];
        for (int i = 0; i < 5; i++) {
            out[i] = i < parts.length ? parts[i] : "";
        }
        return out;
    }

    public String familyName() {
        return alphabeticComponents()[0];
    }

    public String givenName() {
        return alphabeticComponents()[1];
    }

    /** The DICOM encoding, without trailing empty groups. */
    @Override
    public String toString() {
        if (!phonetic.isEmpty()) {
            return alphabetic + "=" + ideographic + "=" + phonetic;
        }
        if (!ideographic.isEmpty()) {
            return alphabetic + "=" + ideographic;
        }
        return alphabetic;
    }
}
