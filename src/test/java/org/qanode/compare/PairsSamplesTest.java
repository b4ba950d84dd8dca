package org.qanode.compare;

import org.qanode.result.ComparisonRunner;
import org.qanode.result.ComparisonResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qanode.testing.Samples;

/** The real Eclipse re-exports of the corpus (SOURCES.md, pairs/): only the known differences. */
class PairsSamplesTest {

    @Test
    void upgradeProfileReportsExactlyPlanTimeAndStructureSetReference() throws Exception {
        Profile profile = new ProfileLoader(null).load("upgrade");
        ComparisonResult r = new ComparisonRunner(profile, 2).compare(
                new FolderSource(Samples.get("pairs/export-2018-04-04"), "pre"),
                new FolderSource(Samples.get("pairs/export-2018-04-05"), "post"));

        assertThat(r.summary().baselineObjects()).isEqualTo(4);
        assertThat(r.summary().candidateObjects()).isEqualTo(4);
        assertThat(r.summary().paired()).isEqualTo(4);
        assertThat(r.pairs()).allSatisfy(p -> assertThat(p.pairedBy()).isEqualTo("SOPInstanceUID"));
        List<String> paths = r.pairs().stream().flatMap(p -> p.differences().stream())
                .map(d -> d.path().toString()).sorted().collect(Collectors.toList());
        long planTimes = paths.stream().filter(p -> p.equals("/RTPlanTime")).count();
        assertThat(planTimes).isEqualTo(2);
        assertThat(paths).filteredOn(p -> !p.equals("/RTPlanTime"))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).isEqualTo("/ReferencedStructureSetSequence/1/ReferencedSOPInstanceUID"));
        r.pairs().stream().flatMap(p -> p.differences().stream()).forEach(d -> {
            assertThat(d.kind()).isEqualTo(DifferenceKind.CHANGED);
            assertThat(d.baseline()).isNotEqualTo(d.candidate()).isNotBlank();
            assertThat(d.candidate()).isNotBlank();
        });
    }

    @Test
    void strictProfileAlsoSeesCreationTimestamps() throws Exception {
        Profile profile = new ProfileLoader(null).load("strict");
        ComparisonResult r = new ComparisonRunner(profile, 2).compare(
                new FolderSource(Samples.get("pairs/export-2018-04-04")),
                new FolderSource(Samples.get("pairs/export-2018-04-05")));
        assertThat(r.pairs().stream().flatMap(p -> p.differences().stream()).map(d -> d.path().toString()))
                .contains("/InstanceCreationDate", "/InstanceCreationTime");
    }
}
