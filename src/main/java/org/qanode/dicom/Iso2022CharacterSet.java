package org.qanode.dicom;

import java.nio.charset.StandardCharsets;

/** PLACEHOLDER: ISO 2022 code extensions, decoded as Latin-1 until implemented. */
final class Iso2022CharacterSet extends SpecificCharacterSet {
    private Iso2022CharacterSet(String[] codes) {
        super(codes);
    }

    static SpecificCharacterSet of(String[] codes) {
        return new Iso2022CharacterSet(codes);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] encode(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
