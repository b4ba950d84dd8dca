package org.qanode.api;

import org.qanode.metrics.NodeMetrics;
import org.qanode.node.NodeException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a request along the route table: bearer token check, path match (404 / 405),
 * handler, and the mapping of every failure to the JSON error body. Runs on worker threads.
 * Unexpected exceptions are logged here with their stack; the client sees one line.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final WebSessions sessions;
    private final NodeMetrics metrics;

    /** {@code token} null: no authentication. */
    public Router(List<Route> routes, String token, NodeMetrics metrics) {
        this(routes, new WebSessions(token), metrics);
    }

    /** Authenticated routes accept the bearer token or a web UI session ({@link WebSessions}). */
    public Router(List<Route> routes, WebSessions sessions, NodeMetrics metrics) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.metrics = metrics;
    }

    public List<Route> routes() {
        return routes;
    }

    public ApiResponse dispatch(ApiRequest request) {
        ApiResponse response = route(request);
        metrics.httpRequest(request.method(), response.status());
        return response;
    }

    private ApiResponse route(ApiRequest request) {
        try {
            Route found = null;
            Map<String, String> params = null;
            for (Route r : routes) {
                Map<String, String> p = r.match(request.path());
                if (p != null && r.method().equals(request.method())) {
                    found = r;
                    params = p;
                    break;
                }
            }
            if (found == null) {
                List<String> allowed = Route.methods(routes, request.path());
                if (allowed.isEmpty()) {
                    throw ApiException.notFound("no resource at " + request.path());
                }
                return ApiResponse.error(new ApiException(405, "method not allowed",
                        request.method() + " is not supported on " + request.path() + " (allowed: "
                                + String.join(", ", allowed) + ")")).withHeader("Allow", String.join(", ", allowed));
            }
            if (found.authenticated() && !sessions.authorized(request)) {
                return ApiResponse.error(new ApiException(401, "unauthorized",
                        "this endpoint requires the header Authorization: Bearer <token>"))
                        .withHeader("WWW-Authenticate", "Bearer realm=\"qanode\"");
            }
            return found.handler().handle(request.withPathParams(params));
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (NodeException e) {
            return ApiResponse.error(ApiException.from(e));
        } catch (IllegalArgumentException e) {
            // validation in the layers below (state names, query limits) names what is wrong
            return ApiResponse.error(ApiException.badRequest(e.getMessage()));
        } catch (Exception e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return ApiResponse.error(new ApiException(500, "internal error",
                    "the request failed on the server (" + e.getClass().getSimpleName() + "); see the node's log"));
        }
    }
}
