package org.qanode.api;

import java.util.List;
import java.util.Map;
import org.qanode.account.Account;
import org.qanode.account.Accounts;
import org.qanode.account.Role;

/**
 * Accounts over REST (admin only): what {@code qanode user} uses while a node runs, so that the
 * node, which holds the index, makes the change, tells the audit trail and ends the sessions of
 * a removed or reset account at once. A new or reset account's script token is in the response
 * once and nowhere else.
 */
final class AccountsResource {
    private final Accounts accounts;
    private final WebSessions sessions;

    AccountsResource(Accounts accounts, WebSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    record NewAccount(String name, String role, String password) {
    }

    record Reset(String password) {
    }

    record RoleChange(String role) {
    }

    /** An account with its new token (the only time the token is shown). */
    record Issued(String name, String role, String createdAt, String changedAt, String token) {
        static Issued of(Accounts.Issued i) {
            return new Issued(i.account().name(), i.account().role().label(), i.account().createdAt(),
                    i.account().changedAt(), i.token());
        }
    }

    record View(String name, String role, String createdAt, String changedAt) {
        static View of(Account a) {
            return new View(a.name(), a.role().label(), a.createdAt(), a.changedAt());
        }
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/accounts", Role.ADMIN,
                        r -> ApiResponse.json(200, Map.of("items", accounts.list().stream().map(View::of).toList()))),
                new Route("POST", "/api/v1/accounts", Role.ADMIN, r -> {
                    NewAccount body = r.json(NewAccount.class);
                    Role role = Role.parse(ApiRequest.required("role", body.role()));
                    return ApiResponse.json(201, Issued.of(accounts.add(sessions.user(r), r.remote(),
                            ApiRequest.required("name", body.name()), role, ApiRequest.required("password", body.password()))));
                }),
                new Route("DELETE", "/api/v1/accounts/{name}", Role.ADMIN, r -> {
                    accounts.remove(sessions.user(r), r.remote(), r.pathParam("name"));
                    sessions.endAll(r.pathParam("name"));
                    return ApiResponse.noContent();
                }),
                new Route("POST", "/api/v1/accounts/{name}/reset", Role.ADMIN, r -> {
                    Reset body = r.json(Reset.class);
                    Accounts.Issued issued = accounts.reset(sessions.user(r), r.remote(), r.pathParam("name"),
                            ApiRequest.required("password", body.password()));
                    sessions.endAll(r.pathParam("name"));
                    return ApiResponse.json(200, Issued.of(issued));
                }),
                new Route("PUT", "/api/v1/accounts/{name}/role", Role.ADMIN, r -> {
                    RoleChange body = r.json(RoleChange.class);
                    Account a = accounts.setRole(sessions.user(r), r.remote(), r.pathParam("name"),
                            Role.parse(ApiRequest.required("role", body.role())));
                    sessions.endAll(r.pathParam("name"));
                    return ApiResponse.json(200, View.of(a));
                }));
    }
}
