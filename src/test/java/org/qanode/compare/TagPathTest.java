package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qanode.dicom.Tags;

class TagPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/BeamSequence/3/ControlPointSequence/57/BeamLimitingDevicePositionSequence/2/LeafJawPositions",
            "/(3253,1001)",
            "/BeamSequence/2/(300B,10A7)/1/(300B,1011)",
            "/BeamSequence/2/ControlPointSequence/178",
            "/(6002,3000)",
            "/OverlayData",
            "/PatientID"})
    void printsWhatItParses(String text) {
        assertThat(TagPath.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void builtPathsUseKeywordsAndOneBasedItems() {
        TagPath p = TagPath.ofElement(Tags.BeamSequence).item(3).child(Tags.ControlPointSequence).item(57)
                .child(Tags.GantryAngle);
        assertThat(p).hasToString("/BeamSequence/3/ControlPointSequence/57/GantryAngle");
        assertThat(p.depth()).isEqualTo(3);
        assertThat(p.itemAt(0)).isEqualTo(3);
        assertThat(TagPath.parse("PatientID")).isEqualTo(TagPath.parse("/PatientID"));
        assertThat(TagPath.parse("/(0010,0020)")).hasToString("/PatientID");
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> TagPath.parse("/BeamSequence/0/BeamName")).hasMessageContaining("1-based");
        assertThatThrownBy(() -> TagPath.parse("/NoSuchKeyword")).hasMessageContaining("NoSuchKeyword");
        assertThatThrownBy(() -> TagPath.parse("/BeamSequence/BeamName")).hasMessageContaining("without an item");
        assertThatThrownBy(() -> TagPath.parse("/3")).hasMessageContaining("item number");
    }

    @Test
    void patternsMatchAnywhereByPathAndByMask() {
        TagPath deep = TagPath.parse("/ReferencedStructureSetSequence/1/ReferencedSOPInstanceUID");
        assertThat(PathPattern.parse("**/ReferencedSOPInstanceUID").matches(deep)).isTrue();
        assertThat(PathPattern.parse("ReferencedSOPInstanceUID").matches(deep)).isTrue();
        assertThat(PathPattern.parse("/ReferencedSOPInstanceUID").matches(deep)).isFalse();
        assertThat(PathPattern.parse("/ReferencedStructureSetSequence/*/ReferencedSOPInstanceUID").matches(deep)).isTrue();
        assertThat(PathPattern.parse("/ReferencedStructureSetSequence/2/ReferencedSOPInstanceUID").matches(deep)).isFalse();
        assertThat(PathPattern.parse("/BeamSequence/*/BeamName").matches(TagPath.parse("/BeamSequence/7/BeamName"))).isTrue();
        assertThat(PathPattern.parse("/BeamSequence/*/BeamName").matches(
                TagPath.parse("/BeamSequence/7/ControlPointSequence/1/BeamName"))).isFalse();
        assertThat(PathPattern.parse("/BeamSequence/**/BeamName").matches(
                TagPath.parse("/BeamSequence/7/ControlPointSequence/1/BeamName"))).isTrue();
        assertThat(PathPattern.parse("(60xx,3000)").matches(TagPath.parse("/(6002,3000)"))).isTrue();
        assertThat(PathPattern.parse("(60xx,3000)").matches(TagPath.parse("/(6002,3001)"))).isFalse();
        assertThat(PathPattern.parse("(gggg,0000)").matches(TagPath.parse("/BeamSequence/1/(300A,0000)"))).isTrue();
        assertThat(PathPattern.parse("OverlayData").matches(TagPath.parse("/(6004,3000)"))).isTrue();
        assertThat(PathPattern.parse("/BeamSequence/*").matches(TagPath.parse("/BeamSequence/2"))).isTrue();
    }
}
