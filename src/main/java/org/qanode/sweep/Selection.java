package org.qanode.sweep;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What C-FIND found for an export: the studies and selected series per patient and, per series,
 * either the instances (SOP Instance UID to SOP Class UID, the latter null where the SCP does not
 * return it) or only how many the ROIS reports (a counted series, resolved after the retrievals).
 */
final class Selection {
    /**
     * One selected series with its study and patient. Listed ({@code counted < 0}): the instances an
     * instance-level C-FIND found. Counted: the ROIS's Number of Series Related Instances
     * (0020,1209), {@code instances} empty until {@link #withInstances} names them.
     */
    record Series(String patientId, String studyUid, String seriesUid, String modality,
                  Map<String, String> instances, int counted) {
        static Series listed(String patientId, String studyUid, String seriesUid, String modality,
                Map<String, String> instances) {
            return new Series(patientId, studyUid, seriesUid, modality, instances, -1);
        }

        boolean isCounted() {
            return counted >= 0;
        }

        /** How many instances the ROIS holds in this series, listed or counted. */
        int size() {
            return isCounted() ? counted : instances.size();
        }

        Series withInstances(Map<String, String> found) {
            return listed(patientId, studyUid, seriesUid, modality, found);
        }
    }

    private final Set<String> patients = new LinkedHashSet<>();
    private final Set<String> studies = new LinkedHashSet<>();
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final Set<String> coveredStudies = new LinkedHashSet<>();

    /** Every series of this study is selected: one study-level retrieval moves exactly them. */
    void covered(String studyUid) {
        coveredStudies.add(studyUid);
    }

    boolean isCovered(String studyUid) {
        return coveredStudies.contains(studyUid);
    }

    /** Adds a series, or replaces the one with its UID in place (a counted series once listed). */
    void add(Series s) {
        patients.add(s.patientId());
        studies.add(s.studyUid());
        series.put(s.seriesUid(), s);
    }

    void addPatient(String id) {
        patients.add(id);
    }

    /** Everything {@code other} found, after what this one has (the order of series is kept). */
    void addAll(Selection other) {
        patients.addAll(other.patients);
        studies.addAll(other.studies);
        series.putAll(other.series);
        coveredStudies.addAll(other.coveredStudies);
    }

    List<Series> series() {
        return List.copyOf(series.values());
    }

    /** The series known only by their count. */
    List<Series> counted() {
        return series.values().stream().filter(Series::isCounted).toList();
    }

    int patientCount() {
        return patients.size();
    }

    int studyCount() {
        return studies.size();
    }

    /** How many instances the ROIS reported, listed or counted. */
    int instanceCount() {
        return series.values().stream().mapToInt(Series::size).sum();
    }

    /** Every instance listed, SOP Instance UID to SOP Class UID (or null); counted series add none. */
    Map<String, String> instances() {
        Map<String, String> all = new LinkedHashMap<>();
        series.values().forEach(s -> all.putAll(s.instances()));
        return all;
    }
}
