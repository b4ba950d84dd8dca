package org.qanode.qarecord;

import java.util.List;
import java.util.Map;

/**
 * Configuration {@code qa.qatrack}: which comparisons become a QATrack+ test list instance, on
 * which unit and test list, and which test (macro name) gets which value.
 *
 * @param url        the API root, e.g. {@code https://qatrack.example/api} (no trailing slash)
 * @param token      the API token (QATrack+ admin, Tokens), sent as {@code <authHeader>: Token <token>}
 * @param authHeader {@code Authorization} unless the site's proxy renames it
 * @param tests      macro name to value source ({@link #SOURCES})
 * @param mappings   the first mapping a comparison matches decides unit and test list
 */
public record QatrackSettings(String url, String token, String authHeader, Map<String, String> tests,
        List<Mapping> mappings) {

    /** Every source a test can take its value from ({@code qa.qatrack.tests}). */
    public static final List<String> SOURCES = QatrackValues.SOURCES;

    public QatrackSettings {
        tests = Map.copyOf(tests);
        mappings = List.copyOf(mappings);
    }

    /**
     * One mapping: a comparison of {@code baseline} against {@code candidate} state names ({@code *}
     * matches any; a trailing {@code *} any suffix), or with {@code sweep} every sweep's comparison.
     */
    public record Mapping(String baseline, String candidate, boolean sweep, String unit, String testList) {

        boolean matchesStates(String b, String c) {
            return !sweep && glob(baseline, b) && glob(candidate, c);
        }

        private static boolean glob(String pattern, String value) {
            if (pattern == null || pattern.equals("*")) {
                return true;
            }
            if (value == null) {
                return false;
            }
            return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(value);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "QatrackSettings[url=" + url + ", authHeader=" + authHeader + ", tests=" + tests + ", mappings="
                + mappings + "]";
    }
}
