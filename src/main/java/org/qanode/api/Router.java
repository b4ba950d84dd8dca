package org.qanode.api;

import org.qanode.metrics.NodeMetrics;
import org.qanode.account.AccountException;
import org.qanode.account.Principal;
import org.qanode.node.NodeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a request along the route table: path match (404 / 405), cross-site check, caller
 * and role (401 / 403, {@link WebSessions}),
 * content type of POST/PUT/PATCH (415), handler, and the mapping of every failure to the JSON
 * error body. Runs on worker threads.
 * Unexpected exceptions are logged here with their stack; the client sees one line.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> FORMS = Set.of("/ui/login", "/ui/logout");

    private final List<Route> routes;
    private final WebSessions sessions;
    private final NodeMetrics metrics;
    private final AuditedRequests audit;

    /** {@code token} null: no authentication. */
    public Router(List<Route> routes, String token, NodeMetrics metrics) {
        this(routes, new WebSessions(token), metrics);
    }

    /** Authenticated routes accept the bearer token or a web UI session ({@link WebSessions}). */
    public Router(List<Route> routes, WebSessions sessions, NodeMetrics metrics) {
        this(routes, sessions, metrics, null);
    }

    /** {@code audit}: records the requests that are audit events; null: none. */
    Router(List<Route> routes, WebSessions sessions, NodeMetrics metrics, AuditedRequests audit) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.metrics = metrics;
        this.audit = audit;
    }

    public List<Route> routes() {
        return routes;
    }

    public ApiResponse dispatch(ApiRequest request) {
        ApiResponse response = route(request);
        metrics.httpRequest(request.method(), response.status());
        if (audit != null) {
            audit.after(request, matching(request), response);
        }
        return response;
    }

    private Route matching(ApiRequest request) {
        for (Route r : routes) {
            if (r.method().equals(request.method()) && r.match(request.path()) != null) {
                return r;
            }
        }
        return null;
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
            // CSRF (WebSessions): a browser's cross-site post is refused whatever it carries
            if (WebSessions.crossSite(request)) {
                return ApiResponse.error(new ApiException(403, "forbidden",
                        "cross-site request refused (Origin / Sec-Fetch-Site name another site)"));
            }
            // only routes that need a role ask who is calling: health must answer while the index is down
            Principal caller = null;
            if (found.role() != null) {
                caller = sessions.caller(request).orElse(null);
                if (caller == null) {
                    if (found.challenge() != null) {
                        return found.challenge().handle(request.withPathParams(params));
                    }
                    return ApiResponse.error(new ApiException(401, "unauthorized",
                            "this endpoint requires a login or the header Authorization: Bearer <token>"))
                            .withHeader("WWW-Authenticate", "Bearer realm=\"qanode\"");
                }
                if (sessions.lacksCsrfHeader(request)) {
                    return ApiResponse.error(new ApiException(403, "forbidden", "a " + request.method()
                            + " with the session cookie needs the header " + WebSessions.CSRF_HEADER + " (CSRF protection)"));
                }
                if (!caller.may(found.role())) {
                    return ApiResponse.error(new ApiException(403, "forbidden", request.method() + " " + found.template()
                            + " needs the role " + found.role().label() + "; " + caller.name() + " is "
                            + caller.role().label()));
                }
            }
            // the UI's login and logout forms are the form posts (cross-site ones are refused above)
            if (WITH_BODY.contains(request.method()) && !isJson(request.header("content-type"))
                    && !FORMS.contains(found.template())) {
                return ApiResponse.error(new ApiException(415, "unsupported media type",
                        request.method() + " requests need the header Content-Type: application/json (got "
                                + (request.header("content-type") == null ? "none" : "'" + request.header("content-type") + "'")
                                + ")"));
            }
            return found.handler().handle(request.withPathParams(params).withPrincipal(caller));
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (NodeException e) {
            return ApiResponse.error(ApiException.from(e));
        } catch (AccountException e) {
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

    /**
     * {@code application/json}, any case, parameters allowed but a charset only if UTF-8 (RFC 8259
     * 8.1). Required on every POST, PUT and PATCH, bodiless ones included: a web page may send a
     * cross-origin POST without a CORS preflight only with no content type or a "simple" one
     * (text/plain, form encodings), so this keeps any page from changing a node without a token.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String charset = p.substring(eq + 1).strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
