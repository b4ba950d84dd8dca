package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.node.StateRtSummary;

import java.util.function.Consumer;
import org.qanode.node.ReceivingState;
import java.util.List;
import org.qanode.store.InstancePage;
import org.qanode.store.InstanceQuery;
import org.qanode.store.StateNames;
import org.qanode.store.StateStore;
import org.qanode.store.StateSummary;

/** /api/v1/states: list, create, show, delete states and page through their instances. */
final class StatesResource {
    private final StateStore store;
    private final ReceivingState receiving;
    private final Consumer<String> deleted;

    StatesResource(StateStore store, ReceivingState receiving, Consumer<String> deleted) {
        this.store = store;
        this.receiving = receiving;
        this.deleted = deleted;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/states", Role.VIEWER, r -> list()),
                new Route("POST", "/api/v1/states", Role.ADMIN, this::create),
                new Route("GET", "/api/v1/states/{name}", Role.VIEWER, r -> ApiResponse.json(200, view(existing(r)))),
                new Route("DELETE", "/api/v1/states/{name}", Role.ADMIN, this::delete),
                new Route("GET", "/api/v1/states/{name}/instances", Role.VIEWER, this::instances),
                // read-only views for `qanode store show` and `qanode rt-summary --state` while the node runs
                new Route("GET", "/api/v1/states/{name}/events", Role.VIEWER, r -> ApiResponse.json(200,
                        new Views.Items<>(store.events(existing(r).name()).stream().map(Views.Event::of).toList()))),
                new Route("GET", "/api/v1/states/{name}/rt-summary", Role.VIEWER,
                        r -> ApiResponse.json(200, StateRtSummary.of(store, existing(r).name()))));
    }

    private ApiResponse list() {
        String current = receiving.current();
        List<Views.State> states = store.listStates().stream().map(s -> Views.State.of(s, current)).toList();
        return ApiResponse.json(200, new Views.Items<>(states));
    }

    private ApiResponse create(ApiRequest r) {
        String name = ApiRequest.required("name", r.json(Views.CreateState.class).name());
        if (!StateNames.isValid(name)) {
            throw ApiException.badRequest(invalidName(name));
        }
        if (!store.createState(name)) {
            throw ApiException.conflict("state '" + name + "' already exists");
        }
        StateSummary s = store.state(name).orElseThrow();
        return ApiResponse.json(201, view(s)).withHeader("Location", "/api/v1/states/" + name);
    }

    private ApiResponse delete(ApiRequest r) {
        String name = existing(r).name();
        store.deleteState(name);
        deleted.accept(name);
        return ApiResponse.noContent();
    }

    private ApiResponse instances(ApiRequest r) {
        String name = existing(r).name();
        int offset = r.intParam("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.intParam("limit", 100, 1, InstanceQuery.MAX_LIMIT);
        InstanceQuery q = new InstanceQuery(r.param("patientId"), r.param("sopClassUid"), r.param("modality"),
                r.boolParam("history"), offset, limit);
        InstancePage page = store.listInstances(name, q);
        return ApiResponse.json(200, new Views.InstanceList(page.total(), offset, limit,
                page.items().stream().map(Views.Instance::of).toList()));
    }

    private StateSummary existing(ApiRequest r) {
        String name = r.pathParam("name");
        if (!StateNames.isValid(name)) {
            throw ApiException.notFound(invalidName(name));
        }
        return store.state(name).orElseThrow(() -> ApiException.notFound("no state '" + name + "'"));
    }

    private Views.State view(StateSummary s) {
        return Views.State.of(s, receiving.current());
    }

    private static String invalidName(String name) {
        return "invalid state name '" + name + "': 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit";
    }
}
