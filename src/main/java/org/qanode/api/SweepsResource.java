package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.node.SweepService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.qanode.sweep.SweepRecord;

/**
 * /api/v1/sweeps: start the configured sweep now (202; 409 while one runs), its history newest
 * first, one run. 404 for POST when no {@code sweep:} is configured.
 */
final class SweepsResource {
    private final SweepService service;

    SweepsResource(SweepService service) {
        this.service = service;
    }

    /** The history with the next scheduled run. */
    record History(String nextRun, List<SweepRecord> items) {
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/sweeps", Role.PHYSICIST, this::create),
                new Route("GET", "/api/v1/sweeps", Role.VIEWER, this::list),
                new Route("GET", "/api/v1/sweeps/{id}", Role.VIEWER, this::get));
    }

    private ApiResponse create(ApiRequest r) {
        if (r.body().length > 0 && !new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            // the sweep is what the configuration says; a body would suggest otherwise
            Map<?, ?> body = r.json(Map.class);
            if (!body.isEmpty()) {
                throw ApiException.badRequest("a sweep takes no parameters (it runs as configured under sweep:);"
                        + " send no body or {}");
            }
        }
        String id = service.runNow();
        String self = "/api/v1/sweeps/" + id;
        return ApiResponse.json(202, new Views.Accepted(id, SweepRecord.RUNNING, Map.of("self", self)))
                .withHeader("Location", self);
    }

    private ApiResponse list(ApiRequest r) {
        int limit = r.intParam("limit", 100, 1, 1000);
        List<SweepRecord> all = new ArrayList<>(service.history());
        Collections.reverse(all);
        return ApiResponse.json(200, new History(service.nextRun(), all.subList(0, Math.min(limit, all.size()))));
    }

    private ApiResponse get(ApiRequest r) {
        String id = r.pathParam("id");
        return ApiResponse.json(200, service.get(id).orElseThrow(() -> ApiException.notFound("no sweep '" + id + "'")));
    }
}
