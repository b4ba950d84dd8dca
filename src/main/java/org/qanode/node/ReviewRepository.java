package org.qanode.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qanode.result.Annotation;
import org.qanode.result.Signoff;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;

/**
 * The review tables (migration 005): sign-offs and annotations of comparisons, rows only ever
 * added. The latest sign-off is the current one; of annotations, the latest per object and path.
 */
final class ReviewRepository {
    private final Jdbc signoffs;
    private final Jdbc annotations;

    ReviewRepository(IndexDatabase db) {
        this.signoffs = new Jdbc(db, "comparison_signoffs");
        this.annotations = new Jdbc(db, "comparison_annotations");
    }

    void insertSignoff(String comparisonId, String user, String decision, String comment) {
        signoffs.update("INSERT INTO comparison_signoffs (comparison_id, user_name, decision, comment_text, signed_at) "
                + "VALUES (?, ?, ?, ?, ?)", comparisonId, user, decision, comment, Jdbc.now());
    }

    Optional<Signoff> latestSignoff(String comparisonId) {
        return history(comparisonId, 1).stream().findFirst();
    }

    /** Newest first. */
    List<Signoff> history(String comparisonId, int limit) {
        return signoffs.select("SELECT user_name, decision, comment_text, signed_at FROM comparison_signoffs "
                        + "WHERE comparison_id = ? ORDER BY id DESC LIMIT " + limit,
                rs -> new Signoff(rs.getString("user_name"), rs.getString("decision"), rs.getString("comment_text"),
                        Jdbc.time(rs, "signed_at")), comparisonId);
    }

    void insertAnnotation(String comparisonId, String sopInstanceUid, String path, String reason, String user) {
        annotations.update("INSERT INTO comparison_annotations (comparison_id, sop_instance_uid, path, reason, user_name, "
                + "annotated_at) VALUES (?, ?, ?, ?, ?, ?)", comparisonId, sopInstanceUid, path, reason, user, Jdbc.now());
    }

    /** The latest annotation of each (object, path), in the order they were first made. */
    List<Annotation> annotations(String comparisonId) {
        List<Annotation> all = annotations.select("SELECT sop_instance_uid, path, reason, user_name, annotated_at "
                        + "FROM comparison_annotations WHERE comparison_id = ? ORDER BY id",
                rs -> new Annotation(rs.getString("sop_instance_uid"), rs.getString("path"), rs.getString("reason"),
                        rs.getString("user_name"), Jdbc.time(rs, "annotated_at")), comparisonId);
        Map<String, Annotation> latest = new LinkedHashMap<>();
        for (Annotation a : all) {
            latest.put(a.sopInstanceUid() + "\u0000" + a.path(), a);
        }
        return List.copyOf(latest.values());
    }
}
