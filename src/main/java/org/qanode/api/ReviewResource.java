package org.qanode.api;

import org.qanode.account.Role;

import java.util.List;
import org.qanode.node.ReviewService;

/**
 * Review of a finished comparison: {@code POST /api/v1/comparisons/{id}/signoff} and
 * {@code POST /api/v1/comparisons/{id}/annotations}. The user recorded is the caller's as
 * {@link WebSessions} knows it.
 */
final class ReviewResource {
    private final ReviewService reviews;
    private final WebSessions sessions;

    ReviewResource(ReviewService reviews, WebSessions sessions) {
        this.reviews = reviews;
        this.sessions = sessions;
    }

    record SignoffBody(String decision, String comment) {
    }

    record AnnotationBody(String sopInstanceUid, String path, String reason) {
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/comparisons/{id}/signoff", Role.PHYSICIST, r -> {
                    SignoffBody body = r.json(SignoffBody.class);
                    return ApiResponse.json(201, reviews.signOff(r.pathParam("id"), body.decision(), body.comment(),
                            sessions.user(r)));
                }),
                new Route("POST", "/api/v1/comparisons/{id}/annotations", Role.PHYSICIST, r -> {
                    AnnotationBody body = r.json(AnnotationBody.class);
                    return ApiResponse.json(201, reviews.annotate(r.pathParam("id"), body.sopInstanceUid(), body.path(),
                            body.reason(), sessions.user(r)));
                }));
    }
}
