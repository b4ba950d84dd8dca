package org.qanode.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sweep:} key of the configuration.
 *
 * @param rois       name of the ROIS (a {@code rois:} entry) to export from
 * @param schedule   cron expression, evaluated in the server's time zone
 * @param patients   CSV patient list (ARIA "patients under treatment"); null: query instead
 * @param modalities what to export; empty: {@link ExportRequest#DEFAULT_MODALITIES}
 * @param studyDays  with no patient list: studies of the last N days (a StudyDate range)
 * @param profile    comparison profile, {@code nightly} by default
 * @param keep       how many sweep states to keep (at least 2: tonight's and its baseline)
 */
public record SweepSettings(String rois, String schedule, Path patients, List<String> modalities, int studyDays,
                            String profile, int keep) {
    public SweepSettings {
        if (rois == null || rois.isBlank()) {
            throw new IllegalArgumentException("sweep.rois: missing");
        }
        CronSchedule.parse(schedule == null ? "0 2 * * *" : schedule);
        schedule = schedule == null ? "0 2 * * *" : schedule;
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        profile = profile == null ? "nightly" : profile;
        if (keep < 2) {
            throw new IllegalArgumentException("sweep.keep: " + keep + "; at least 2 (tonight and its baseline)");
        }
        if (patients == null && studyDays <= 0) {
            throw new IllegalArgumentException("sweep.patients or sweep.studyDays: one is needed");
        }
    }
}
