package org.qanode.qarecord;

import java.util.Map;
import org.qanode.compare.Severity;

/**
 * Configuration {@code qa.redmine}: where issues go and which comparisons get one.
 *
 * @param url            Redmine's base URL, without trailing slash
 * @param apiKey         a user's API key (My account, API access key), sent as {@code X-Redmine-API-Key}
 * @param project        project identifier (or numeric id)
 * @param tracker        tracker name, looked up through {@code GET /trackers.json}
 * @param minSeverity    comparisons (and sweeps) at or above it get an issue
 * @param signoffStatus  sign-off decision (ACCEPTED, REJECTED) to the issue status name it sets; absent: note only
 */
public record RedmineSettings(String url, String apiKey, String project, String tracker, Severity minSeverity,
        Map<String, String> signoffStatus) {

    public RedmineSettings {
        signoffStatus = Map.copyOf(signoffStatus);
    }

    /** Never prints the API key: settings end up in logs. */
    @Override
    public String toString() {
        return "RedmineSettings[url=" + url + ", project=" + project + ", tracker=" + tracker + ", minSeverity="
                + minSeverity + ", signoffStatus=" + signoffStatus + "]";
    }
}
