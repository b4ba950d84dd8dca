package org.qanode.sweep;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What C-FIND found for an export: the studies and selected series per patient and, per series,
 * the instances (SOP Instance UID to SOP Class UID, the latter null where the SCP does not return it).
 */
final class Selection {
    /** One selected series with its study and patient, and the instances found in it. */
    record Series(String patientId, String studyUid, String seriesUid, String modality,
                  Map<String, String> instances) {
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

    int patientCount() {
        return patients.size();
    }

    int studyCount() {
        return studies.size();
    }

    /** Every instance found, SOP Instance UID to SOP Class UID (or null). */
    Map<String, String> instances() {
        Map<String, String> all = new LinkedHashMap<>();
        series.values().forEach(s -> all.putAll(s.instances()));
        return all;
    }
}
