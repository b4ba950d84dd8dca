package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.node.ComparisonRecord;
import org.qanode.node.ComparisonService;
import org.qanode.node.ReviewService;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qanode.result.ComparisonResult;
import org.qanode.report.ReportFormat;
import org.qanode.report.ReportRenderer;

/**
 * /api/v1/comparisons: queue a comparison (202 and its id), list them, fetch one. A DONE
 * comparison's JSON is the stored file as is (fast for big results); html and csv are rendered
 * from it. Before DONE the JSON carries the status (and error when FAILED) without pairs, and
 * the reports answer 409 because there is nothing to report yet. A DONE result carries its
 * review ({@code signoff}, {@code annotations}) from the index, added as it is served.
 */
final class ComparisonsResource {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ComparisonService service;
    private final ReviewService reviews;

    ComparisonsResource(ComparisonService service, ReviewService reviews) {
        this.service = service;
        this.reviews = reviews;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/comparisons", Role.PHYSICIST, this::create),
                new Route("GET", "/api/v1/comparisons", Role.VIEWER,
                        r -> ApiResponse.json(200, new Views.Items<>(service.list(r.intParam("limit", 100, 1, 1000))))),
                new Route("GET", "/api/v1/comparisons/{id}", Role.VIEWER, this::get));
    }

    private ApiResponse create(ApiRequest r) {
        Views.CreateComparison body = r.json(Views.CreateComparison.class);
        String id = service.submit(ApiRequest.required("baseline", body.baseline()),
                ApiRequest.required("candidate", body.candidate()), body.profile());
        String self = "/api/v1/comparisons/" + id;
        return ApiResponse.json(202, new Views.Accepted(id, ComparisonRecord.QUEUED,
                Map.of("json", self, "html", self + "?format=html", "csv", self + "?format=csv",
                        "rtCsv", self + "?format=rt-csv", "text", self + "?format=text", "pdf", self + "?format=pdf")))
                .withHeader("Location", self);
    }

    private ApiResponse get(ApiRequest r) throws Exception {
        String id = r.pathParam("id");
        String formatName = r.param("format");
        ReportFormat format;
        try {
            format = formatName == null ? ReportFormat.JSON : ReportFormat.of(formatName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter 'format': " + e.getMessage());
        }
        ComparisonRecord row = ID.matcher(id).matches() ? service.get(id).orElse(null) : null;
        if (row == null) {
            throw ApiException.notFound("no comparison '" + id + "'");
        }
        ReportRenderer renderer = format.renderer();
        if (!ComparisonRecord.DONE.equals(row.status())) {
            if (format != ReportFormat.JSON) {
                throw ApiException.conflict("comparison " + id + " is " + row.status()
                        + ": reports exist once it is DONE");
            }
            return ApiResponse.json(200, new ComparisonResult(row.id(), row.status(), row.error(), row.baseline(),
                    row.candidate(), row.profile(), row.startedAt(), row.finishedAt(), null, null, null));
        }
        if (format == ReportFormat.JSON) {
            return ApiResponse.raw(200, ApiResponse.JSON, reviews.withReview(id, service.files().readBytes(id)));
        }
        ComparisonResult result = reviews.withReview(service.files().read(id));
        if (renderer.binary()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
            renderer.write(result, bytes);
            return ApiResponse.raw(200, renderer.contentType(), bytes.toByteArray());
        }
        StringWriter out = new StringWriter(1 << 16);
        renderer.render(result, out);
        String type = renderer.contentType();
        return ApiResponse.text(200, type.contains("charset") ? type : type + "; charset=utf-8", out.toString());
    }
}
