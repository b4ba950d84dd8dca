package org.qanode.dicom;

import java.util.List;

/**
 * One data element of the PS3.6 section 6 registry.
 *
 * <p>{@code mask} has 1-bits where {@code tag} is significant: {@code 0xFFFFFFFF} for a single
 * element, {@code 0xFF00FFFF} for a repeating-group element such as (60xx,3000) (PS3.5 7.6),
 * whose {@code tag} then has the masked nibbles zero (0x60003000).
 *
 * @param vrs the VRs PS3.6 allows, in its order ("OB or OW" is [OB, OW]); empty for the item
 *            and delimitation tags, which have no VR (PS3.5 7.5)
 * @param vm  the Value Multiplicity as PS3.6 writes it ("1", "1-n", "2-2n", ...)
 */
public record DictionaryEntry(int tag, int mask, String keyword, String name, List<VR> vrs, String vm,
                              boolean retired) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    /** The first VR PS3.6 lists, or null for items and delimiters. */
    public VR vr() {
        return vrs.isEmpty() ? null : vrs.get(0);
    }

    /** True for a repeating-group (masked) entry. */
    public boolean isMasked() {
        return mask != -1;
    }

    /** True if {@code t} is this element, or one instance of this repeating-group element. */
    public boolean matches(int t) {
        return (t & mask) == tag;
    }

    /** The PS3.6 tag text with 'x' for masked nibbles, e.g. "60xx3000" or "300A00B0". */
    public String tagPattern() {
        StringBuilder sb = new StringBuilder(8);
        for (int shift = 28; shift >= 0; shift -= 4) {
            sb.append(((mask >>> shift) & 0xF) == 0 ? 'x' : Character.toUpperCase(Character.forDigit((tag >>> shift) & 0xF, 16)));
        }
        return sb.toString();
    }
}
