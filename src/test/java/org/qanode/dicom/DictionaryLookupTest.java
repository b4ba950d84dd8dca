package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DictionaryLookupTest {

    @Test
    void rtPlanElements() {
        DictionaryEntry beams = ElementDictionary.entry(0x300A00B0);
        assertThat(beams).isNotNull();
        assertThat(beams.keyword()).isEqualTo("BeamSequence");
        assertThat(beams.name()).isEqualTo("Beam Sequence");
        assertThat(beams.vr()).isEqualTo(VR.SQ);
        assertThat(beams.retired()).isFalse();
        assertThat(Tags.BeamSequence).isEqualTo(0x300A00B0);

        assertThat(ElementDictionary.vrOf(0x300A011C)).isEqualTo(VR.DS);
        assertThat(ElementDictionary.keywordOf(0x300A011C)).isEqualTo("LeafJawPositions");
        assertThat(ElementDictionary.entry(0x300A011C).vm()).isEqualTo("2-2n");
        assertThat(ElementDictionary.tagOf("LeafJawPositions")).isEqualTo(0x300A011C);
        assertThat(ElementDictionary.nameOf(0x300A011C)).isEqualTo("Leaf/Jaw Positions");
    }

    @Test
    void pixelDataIsObOrOwAndReadAsOwInImplicitVr() {
        DictionaryEntry pixelData = ElementDictionary.entry(Tags.PixelData);
        assertThat(pixelData.vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(pixelData.vr()).isEqualTo(VR.OB);
        assertThat(ElementDictionary.vrOf(Tags.PixelData)).isEqualTo(VR.OW);
    }

    @Test
    void usOrSsReadsAsUs() {
        assertThat(ElementDictionary.entry(Tags.PixelPaddingValue).vrs()).containsExactly(VR.US, VR.SS);
        assertThat(ElementDictionary.vrOf(Tags.PixelPaddingValue)).isEqualTo(VR.US);
        assertThat(ElementDictionary.vrOf(Tags.LUTDescriptor)).isEqualTo(VR.US);
        assertThat(ElementDictionary.vrOf(Tags.LUTData)).isEqualTo(VR.OW);
    }

    @Test
    void overlayDataThroughTheRepeatingGroupMask() {
        DictionaryEntry overlay = ElementDictionary.entry(0x60003000);
        assertThat(overlay.keyword()).isEqualTo("OverlayData");
        assertThat(overlay.isMasked()).isTrue();
        assertThat(overlay.tagPattern()).isEqualTo("60xx3000");
        assertThat(ElementDictionary.entry(0x60023000)).isSameAs(overlay);
        assertThat(ElementDictionary.entry(0x601E3000)).isSameAs(overlay);
        assertThat(ElementDictionary.vrOf(0x60023000)).isEqualTo(VR.OW);
        assertThat(ElementDictionary.keywordOf(0x60020010)).isEqualTo("OverlayRows");
        assertThat(ElementDictionary.vrOf(0x60020010)).isEqualTo(VR.US);
        assertThat(ElementDictionary.tagOf("OverlayData")).isEqualTo(0x60003000);
        // odd groups are private (PS3.5 7.8), never an overlay
        assertThat(ElementDictionary.entry(0x60013000)).isNull();
        assertThat(ElementDictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
    }

    @Test
    void otherMasksAndExactTagsWinOverMasks() {
        assertThat(ElementDictionary.keywordOf(0x50023000)).isEqualTo("CurveData");
        assertThat(ElementDictionary.keywordOf(0x7F020010)).isEqualTo("VariablePixelData");
        assertThat(ElementDictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
        assertThat(ElementDictionary.keywordOf(0x10000120)).isEqualTo("EscapeTriplet");
        assertThat(ElementDictionary.keywordOf(0x10000125)).isEqualTo("ShiftTableTriplet");
        assertThat(ElementDictionary.keywordOf(0x10101234)).isEqualTo("ZonalMap");
        assertThat(ElementDictionary.keywordOf(0x00280420)).isEqualTo("RowsForNthOrderCoefficients");
        // PS3.6 overlaps (0028,0400) Transform Label with (0028,04x0): the exact element wins
        assertThat(ElementDictionary.keywordOf(0x00280400)).isEqualTo("TransformLabel");
        assertThat(ElementDictionary.tagOf("RowsForNthOrderCoefficients")).isEqualTo(0x00280410);
        // a group length is never an instance of a repeating element such as (1010,xxxx)
        assertThat(ElementDictionary.entry(0x10100000)).isNull();
        assertThat(ElementDictionary.vrOf(0x10100000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.tagOf("ZonalMap")).isEqualTo(0x10100001);
        assertThat(ElementDictionary.keywordOf(0x00203105)).isEqualTo("SourceImageIDs");
        assertThat(ElementDictionary.entry(0x00203105).retired()).isTrue();
    }

    @Test
    void groupLengthPrivateAndUnknownTags() {
        assertThat(ElementDictionary.vrOf(0x00280000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(0x32530000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(Tags.FileMetaInformationGroupLength)).isEqualTo(VR.UL);

        assertThat(ElementDictionary.vrOf(0x32531001)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.keywordOf(0x32531001)).isEmpty();
        assertThat(ElementDictionary.entry(0x32531001)).isNull();
        assertThat(ElementDictionary.vrOf(0x32530010)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.vrOf(0x325300FF)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.keywordOf(0x32530010)).isEmpty();

        assertThat(ElementDictionary.vrOf(0x300A9999)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.keywordOf(0x300A9999)).isEmpty();
        assertThat(ElementDictionary.nameOf(0x300A9999)).isEmpty();
        assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
        assertThat(ElementDictionary.tagOf(null)).isEqualTo(-1);
    }

    @Test
    void itemsHaveNoVr() {
        DictionaryEntry item = ElementDictionary.entry(Tags.Item);
        assertThat(item.keyword()).isEqualTo("Item");
        assertThat(item.vr()).isNull();
        assertThat(item.vrs()).isEmpty();
        assertThat(ElementDictionary.vrOf(Tags.SequenceDelimitationItem)).isEqualTo(VR.UN);
    }

    @Test
    void retiredElementsKeepTheirPs36Keyword() {
        DictionaryEntry e = ElementDictionary.entry(0x00000001);
        assertThat(e.keyword()).isEqualTo("CommandLengthToEnd");
        assertThat(e.retired()).isTrue();
        assertThat(Tags.CommandLengthToEnd).isEqualTo(0x00000001);
    }

    @Test
    void keywordRoundTripForEveryEntry() {
        List<DictionaryEntry> all = ElementDictionary.entries();
        for (DictionaryEntry e : all) {
            int tag = ElementDictionary.tagOf(e.keyword());
            assertThat(e.matches(tag)).as(e.keyword()).isTrue();
            if (!e.isMasked()) {
                assertThat(tag).as(e.keyword()).isEqualTo(e.tag());
            }
            assertThat(ElementDictionary.entry(tag)).as(e.keyword()).isSameAs(e);
            assertThat(ElementDictionary.keywordOf(tag)).isEqualTo(e.keyword());
            assertThat(ElementDictionary.entryOf(e.keyword())).isSameAs(e);
            assertThat(e.name()).as(e.keyword()).isNotBlank();
            assertThat(e.vm()).as(e.keyword()).isNotBlank();
        }
    }

    @Test
    void dictionaryIsComplete() {
        assertThat(ElementDictionary.entries()).hasSizeGreaterThan(4000);
        assertThat(ElementDictionary.entries()).filteredOn(DictionaryEntry::isMasked).hasSizeGreaterThan(80);
    }

    @Test
    void tagsConstantsAgreeWithTheCodecsOwnTags() {
        assertThat(Tags.TransferSyntaxUID).isEqualTo(Tags.TransferSyntaxUID);
        assertThat(Tags.SOPInstanceUID).isEqualTo(Tags.SOPInstanceUID);
        assertThat(Tags.ItemDelimitationItem).isEqualTo(Tags.ItemDelimitationItem);
        assertThat(Tags.FloatPixelData).isEqualTo(Tags.FloatPixelData);
    }
}
