package org.qanode.dicom;

import java.util.List;

/**
 * The PS3.6 section 6 data dictionary: tag, keyword, name, VR, VM and retired flag of every
 * standard data element, loaded once (lazily, thread-safe) from the generated
 * {@code dictionary.tsv}. Private elements are not in it: they are recognised by rule.
 *
 * <p>Lookup order for a tag: exact element first, then repeating-group masks such as
 * (60xx,3000), (50xx,xxxx), (7Fxx,0010), (0028,04x0), (1000,xxx0) (PS3.5 7.6).
 */
public final class ElementDictionary {
    private ElementDictionary() {
    }

    /** Initialization-on-demand holder: the class loader makes the one load thread-safe. */
    private static final class Holder {
        static final ElementIndex INDEX = ElementIndex.load("dictionary.tsv");
    }

    /** The entry for a standard element, or null for unknown, private and group length tags. */
    public static DictionaryEntry entry(int tag) {
        return Tag.isPrivate(tag) ? null : Holder.INDEX.find(tag);
    }

    /**
     * The VR to read an element with in an Implicit VR transfer syntax (PS3.5 A.1), never null:
     * <ul>
     * <li>group length (gggg,0000): UL (PS3.5 7.2);</li>
     * <li>private creator (odd gggg, 0010-00FF): LO (PS3.5 7.8.1); other private tags: UN;</li>
     * <li>unknown tags, items and delimiters (no VR, PS3.5 7.5): UN;</li>
     * <li>PS3.6 lists several VRs and OW is one of them (Pixel Data, Overlay Data, Waveform Data,
     *     LUT Data, ...): OW, as PS3.5 A.1 requires for Pixel Data and 8.1.2 for Overlay Data;
     *     Waveform Data with Waveform Bits Allocated 8 is OB (PS3.5 8.3), which only the reader
     *     of the data set can tell;</li>
     * <li>"US or SS": US; the sign follows Pixel Representation (0028,0103), which only the
     *     reader of the data set can see, so it reinterprets the bytes when that is 1;</li>
     * <li>otherwise the only (or first) VR.</li>
     * </ul>
     */
    public static VR vrOf(int tag) {
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        if (Tag.isPrivate(tag)) {
            return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
        }
        return Holder.INDEX.implicitVr(tag);
    }

    /** The PS3.6 keyword, or "" for unknown and private tags. */
    public static String keywordOf(int tag) {
        DictionaryEntry e = entry(tag);
        return e == null ? "" : e.keyword();
    }

    /** The PS3.6 name ("Beam Sequence"), or "" for unknown and private tags. */
    public static String nameOf(int tag) {
        DictionaryEntry e = entry(tag);
        return e == null ? "" : e.name();
    }

    /**
     * The tag of a keyword, or -1 if it is not a PS3.6 keyword. For a repeating-group element
     * the base tag, masked nibbles zero ("OverlayData" gives 0x60003000), or, where an exact
     * element owns the base tag, the lowest tag that is this element ("RowsForNthOrderCoefficients"
     * gives 0x00280410, since (0028,0400) is Transform Label). {@code entry(tagOf(k))} is always k's entry.
     */
    public static int tagOf(String keyword) {
        return Holder.INDEX.tagOf(keyword);
    }

    /** The entry for a keyword, or null. */
    public static DictionaryEntry entryOf(String keyword) {
        return Holder.INDEX.byKeyword(keyword);
    }

    /** Every entry, exact and masked, in tag order. */
    public static List<DictionaryEntry> entries() {
        return Holder.INDEX.all();
    }
}
