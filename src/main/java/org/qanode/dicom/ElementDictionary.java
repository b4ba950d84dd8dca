package org.qanode.dicom;

/** PLACEHOLDER, replaced by the generated dictionary. */
public final class ElementDictionary {
    private ElementDictionary() {
    }

    public static VR vrOf(int tag) {
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return VR.LO;
        }
        return VR.UN;
    }

    public static String keywordOf(int tag) {
        return "";
    }

    public static int tagOf(String keyword) {
        return -1;
    }
}
