package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the examples in PS3.5 Annexes H (Japanese), I (Korean), J (UTF-8, GB18030)
 * and K (GB2312), decoded and encoded, plus round trips through every ISO 2022 set we support.
 * The Annex H, I and J byte strings are also the Patient's Name of pydicom's chrH31, chrH32,
 * chrI2, chrX1 and chrX2 files, which CharsetAgreementTest reads.
 */
class Iso2022CharacterSetTest {

    /** Bytes written as a Latin-1 string, ESC as \u001b: easier to compare with the standard's text. */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertGolden(String[] codes, String text, String latin1Bytes) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(codes);
        byte[] expected = bytes(latin1Bytes);
        assertThat(cs.decode(expected, 0, expected.length, VR.PN)).isEqualTo(text);
        assertThat(new String(cs.encode(text, VR.PN), StandardCharsets.ISO_8859_1))
                .isEqualTo(latin1Bytes);
    }

    @Test
    void annexH31JapaneseKanjiAndHiraganaWithIr87() {
        assertGolden(new String[] {"", "ISO 2022 IR 87"}, "Yamada^Tarou=山田^太郎=やまだ^たろう",
                "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B");
    }

    @Test
    void annexH32HalfWidthKatakanaWithIr13InValue1() {
        // Value 1 ISO 2022 IR 13: Romaji in G0 and Katakana in G1 from the start, so the
        // katakana need no escape and the Kanji runs return with ESC ( J, not ESC ( B.
        assertGolden(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"}, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                "\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^\u001b$BB@O:\u001b(J="
                        + "\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J");
    }

    @Test
    void annexI2KoreanDesignatesG1AgainAfterEachDelimiter() {
        assertGolden(new String[] {"", "ISO 2022 IR 149"}, "Hong^Gildong=洪^吉洞=홍^길동",
                "Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7=\u001b$)C\u00c8\u00ab^"
                        + "\u001b$)C\u00b1\u00e6\u00b5\u00bf");
    }

    @Test
    void annexKChineseGb2312WithIr58() {
        assertGolden(new String[] {"", "ISO 2022 IR 58"}, "Zhang^XiaoDong=张^小东=",
                "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab=");
    }

    @Test
    void annexJUtf8AndGb18030() {
        assertGolden(new String[] {"ISO_IR 192"}, "Wang^XiaoDong=王^小東=",
                "Wang^XiaoDong=\u00e7\u008e\u008b^\u00e5\u00b0\u008f\u00e6\u009d\u00b1=");
        assertGolden(new String[] {"GB18030"}, "Wang^XiaoDong=王^小东=",
                "Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=");
    }

    @Test
    void multiLineTextDesignatesAgainAfterCrLf() {
        // PS3.5 6.1.2.5.3: CR and LF bring back the initial sets, so each line designates anew.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58");
        String text = "第一行\r\n第二行";
        byte[] encoded = cs.encode(text, VR.LT);
        assertThat(new String(encoded, StandardCharsets.ISO_8859_1)).isEqualTo(
                "\u001b$)A\u00b5\u00da\u00d2\u00bb\u00d0\u00d0\r\n\u001b$)A\u00b5\u00da\u00b6\u00fe\u00d0\u00d0");
        assertThat(cs.decode(encoded, 0, encoded.length, VR.LT)).isEqualTo(text);
    }

    @Test
    void jisX0212NeedsItsOwnDesignation() {
        // U+4E02 is in JIS X 0212 (row 16, cell 1) but not in JIS X 0208.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] encoded = cs.encode("山丂", VR.LO);
        assertThat(new String(encoded, StandardCharsets.ISO_8859_1))
                .isEqualTo("\u001b$B;3\u001b$(D0!\u001b(B");
        assertThat(cs.decode(encoded, 0, encoded.length, VR.LO)).isEqualTo("山丂");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "ISO 2022 IR 100                    | Buc^Jérôme\\Äneas^Rüdiger",
        "ISO 2022 IR 100\\ISO 2022 IR 144    | Jérôme^Люкcемб\\ypг",
        "ISO 2022 IR 101\\ISO 2022 IR 126    | Łódź^Διονυσιος",
        "\\ISO 2022 IR 127\\ISO 2022 IR 138  | قباني^شرון",
        "ISO 2022 IR 148\\ISO 2022 IR 203    | İstanbul^€uro",
        "ISO 2022 IR 166                    | ภาษาไทย",
        "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159 | ﾔﾏﾀﾞ^山田=やまだ\\カタカナ丂ぼ",
        "\\ISO 2022 IR 149                   | 김희중\\洪^吉洞",
        "\\ISO 2022 IR 58                    | 张^小东\\中文",
        "ISO 2022 IR 100\\ISO 2022 IR 87\\ISO 2022 IR 149 | Jérôme=山田=홍길동\\é山홍",
    })
    void roundTripsThroughEverySet(String codes, String text) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(codes.split("\\\\", -1));
        for (VR vr : new VR[] {VR.PN, VR.LO, VR.LT}) {
            byte[] encoded = cs.encode(text, vr);
            assertThat(cs.decode(encoded, 0, encoded.length, vr)).as(vr.name()).isEqualTo(text);
        }
    }

    @Test
    void unknownCharactersBecomeQuestionMarksAndReturnToTheInitialSet() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        byte[] encoded = cs.encode("山€", VR.LO);
        assertThat(new String(encoded, StandardCharsets.ISO_8859_1)).isEqualTo("\u001b$B;3\u001b(B?");
    }

    @Test
    void valuesSplitAfterDecodingSoA5cByteInsideACharacterIsNoDelimiter() {
        // ぼ is 0x24 0x5C in JIS X 0208; 乗 ends in 0x5C in GBK (PS3.5 6.1.2.5.3, 6.1.2.3).
        Dataset jis = new Dataset();
        jis.setString(Tags.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87");
        jis.setString(Tags.PatientComments, VR.LT, "x");
        jis.setString(Tags.OtherPatientIDs, VR.LO, "ぼ1", "ぼ2");
        assertThat(jis.getBytes(Tags.OtherPatientIDs)).containsSequence(0x24, 0x5C);
        assertThat(jis.getStrings(Tags.OtherPatientIDs)).containsExactly("ぼ1", "ぼ2");
        assertThat(jis.characterSet().backslashSafe()).isFalse();

        Dataset gbk = new Dataset();
        gbk.setString(Tags.SpecificCharacterSet, VR.CS, "GBK");
        gbk.setString(Tags.OtherPatientIDs, VR.LO, "乗", "乗乗");
        assertThat(gbk.getStrings(Tags.OtherPatientIDs)).containsExactly("乗", "乗乗");
        assertThat(gbk.characterSet().backslashSafe()).isFalse();
        assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 149").backslashSafe()).isTrue();
    }

    @Test
    void personNameDelimitersResetOnlyForPn() {
        // In an LO, '^' is an ordinary character: the G1 set stays designated after it.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
        assertThat(new String(cs.encode("홍^길", VR.LO), StandardCharsets.ISO_8859_1))
                .isEqualTo("\u001b$)C\u00c8\u00ab^\u00b1\u00e6");
        byte[] lo = bytes("\u001b$)C\u00c8\u00ab^\u00b1\u00e6");
        assertThat(cs.decode(lo, 0, lo.length, VR.LO)).isEqualTo("홍^길");
    }

    @Test
    void firstValueWithoutExtensionsIsTheInitialSet() {
        // Files in the wild label Korean EUC-KR bytes with "ISO 2022 IR 149" alone.
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 149");
        byte[] euc = "김희중".getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        assertThat(cs.decode(euc, 0, euc.length, VR.PN)).isEqualTo("김희중");
    }
}
