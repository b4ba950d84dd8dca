package org.qanode.qarecord;

/** Configuration section {@code qa}: either system may be absent (null). */
public record QaRecordSettings(RedmineSettings redmine, QatrackSettings qatrack) {
    public static final QaRecordSettings NONE = new QaRecordSettings(null, null);

    public boolean any() {
        return redmine != null || qatrack != null;
    }
}
