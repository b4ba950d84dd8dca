package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.node.ExportService;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qanode.sweep.ExportRequest;
import org.qanode.sweep.ExportStatus;

/**
 * /api/v1/exports: start an export from a configured ROIS into a state (202 and its id), list
 * exports, follow one (RUNNING, then DONE, PARTIAL or FAILED). Running exports show live
 * progress; finished ones come from the index and survive restarts.
 */
final class ExportsResource {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The body of POST /api/v1/exports. */
    record CreateExport(String from, String state, List<String> patientIds, List<String> modalities,
            String studyDate) {
    }

    private final ExportService service;

    ExportsResource(ExportService service) {
        this.service = service;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/exports", Role.PHYSICIST, this::create),
                new Route("GET", "/api/v1/exports", Role.VIEWER,
                        r -> ApiResponse.json(200, new Views.Items<>(service.list(r.intParam("limit", 100, 1, 1000))))),
                new Route("GET", "/api/v1/exports/{id}", Role.VIEWER, this::get));
    }

    private ApiResponse create(ApiRequest r) {
        CreateExport body = r.json(CreateExport.class);
        ApiRequest.required("from", body.from());
        ApiRequest.required("state", body.state());
        if (body.patientIds() != null) {
            for (String id : body.patientIds()) {
                // PS3.5 LO: 64 characters, no backslash; a wildcard would widen the query past the list
                if (id == null || id.isBlank() || id.length() > 64 || id.contains("\\") || id.contains("*")
                        || id.contains("?")) {
                    throw ApiException.badRequest("patientIds: '" + id + "' is not a patient ID (1-64 characters,"
                            + " no backslash or wildcard)");
                }
            }
        }
        if (body.modalities() != null && body.modalities().stream().anyMatch(m -> m == null || !m.strip().matches("[A-Za-z]{2,16}"))) {
            throw ApiException.badRequest("modalities: each must be a DICOM modality such as RTPLAN");
        }
        ExportRequest request = new ExportRequest(body.from(), body.state(), body.patientIds(), body.modalities(),
                body.studyDate());
        String id = service.submit(request);
        String self = "/api/v1/exports/" + id;
        return ApiResponse.json(202, new Views.Accepted(id, ExportStatus.QUEUED, Map.of("self", self)))
                .withHeader("Location", self);
    }

    private ApiResponse get(ApiRequest r) {
        String id = r.pathParam("id");
        ExportStatus s = ID.matcher(id).matches() ? service.get(id).orElse(null) : null;
        if (s == null) {
            throw ApiException.notFound("no export '" + id + "'");
        }
        return ApiResponse.json(200, s);
    }
}
