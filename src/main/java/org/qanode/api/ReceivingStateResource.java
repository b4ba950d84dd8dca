package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.node.ReceivingState;
import java.util.List;
import org.qanode.store.StateNames;
import org.qanode.store.StateStore;

/**
 * /api/v1/receiving-state: where objects go whose called AE title maps to no state. PUT
 * creates the state if needed, so it is listed before its first object arrives.
 */
final class ReceivingStateResource {
    private final StateStore store;
    private final ReceivingState receiving;

    ReceivingStateResource(StateStore store, ReceivingState receiving) {
        this.store = store;
        this.receiving = receiving;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/receiving-state", Role.VIEWER,
                        r -> ApiResponse.json(200, new Views.ReceivingStateBody(receiving.current()))),
                new Route("PUT", "/api/v1/receiving-state", Role.ADMIN, this::put));
    }

    private ApiResponse put(ApiRequest r) {
        String state = ApiRequest.required("state", r.json(Views.ReceivingStateBody.class).state());
        if (!StateNames.isValid(state)) {
            throw ApiException.badRequest("invalid state name '" + state
                    + "': 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
        store.createState(state);
        receiving.set(state);
        return ApiResponse.json(200, new Views.ReceivingStateBody(state));
    }
}
