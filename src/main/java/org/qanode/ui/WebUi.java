package org.qanode.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qanode.account.Role;
import org.qanode.api.ApiException;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.api.HttpApi;
import org.qanode.api.Route;
import org.qanode.api.WebSessions;
import org.qanode.node.Node;
import org.qanode.node.NodeException;
import org.qanode.report.RtSummaryFragment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI at {@code /ui/} (ARCHITECTURE.md, "Web UI and sign-off"): pages rendered on the
 * server from the node's services, one stylesheet and one small script served from the jar,
 * nothing from elsewhere (it works on an isolated network; the Content-Security-Policy says so
 * to the browser too). Pages only read; every change goes through the REST API from the script.
 *
 * <p>With accounts or {@code http.token} a page needs a session ({@link WebSessions}): the login
 * form, or {@code ?token=} once, opens one and redirects to the same page without the token in
 * its URL. Each page declares the least role it needs; a page shows only what its caller's role
 * may do (no sign-off form for a viewer), and the REST API refuses it anyway.
 */
public final class WebUi implements HttpApi.Extension {
    private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);
    static final String HTML = "text/html; charset=utf-8";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ZoneId zone;

    public WebUi() {
        this(ZoneId.systemDefault());
    }

    public WebUi(ZoneId zone) {
        this.zone = zone;
    }

    @FunctionalInterface
    interface Page {
        ApiResponse render(ApiRequest r) throws Exception;
    }

    @Override
    public List<Route> routes(Node node, WebSessions sessions) {
        Times times = new Times(zone);
        Layout layout = new Layout(sessions);
        Dashboard dashboard = new Dashboard(node, layout, times);
        StatePage states = new StatePage(node, layout, times);
        ComparisonPage comparisons = new ComparisonPage(node, layout, times);
        ExportsPage exports = new ExportsPage(node, layout, times);
        AssociationsPage associations = new AssociationsPage(node, layout, times);
        byte[] css = (resource("ui.css") + "\n/* RT summary tables, as in the HTML report */\n" + RtSummaryFragment.style())
                .getBytes(StandardCharsets.UTF_8);
        byte[] js = resource("ui.js").getBytes(StandardCharsets.UTF_8);
        Login login = new Login(sessions, layout);
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/", false, r -> redirect("/ui/")));
        routes.add(new Route("GET", "/ui", false, r -> redirect("/ui/")));
        routes.add(new Route("GET", "/ui/assets/ui.css", false, r -> asset("text/css; charset=utf-8", css)));
        routes.add(new Route("GET", "/ui/assets/ui.js", false, r -> asset("text/javascript; charset=utf-8", js)));
        routes.add(new Route("GET", "/ui/login", false, login::form));
        routes.add(new Route("POST", "/ui/login", false, login::submit));
        routes.add(new Route("POST", "/ui/logout", false, login::logout));
        routes.add(page(sessions, layout, "/ui/", Role.VIEWER, dashboard::render));
        routes.add(page(sessions, layout, "/ui/states/{name}", Role.VIEWER, states::render));
        routes.add(page(sessions, layout, "/ui/comparisons/new", Role.PHYSICIST, comparisons::renderNew));
        routes.add(page(sessions, layout, "/ui/comparisons/{id}", Role.VIEWER, comparisons::render));
        routes.add(page(sessions, layout, "/ui/exports", Role.VIEWER, exports::render));
        routes.add(page(sessions, layout, "/ui/associations", Role.VIEWER, associations::render));
        routes.add(page(sessions, layout, "/ui/associations/routes.dot", Role.VIEWER, associations::dot));
        routes.add(page(sessions, layout, "/ui/associations/routes.puml", Role.VIEWER, associations::plantUml));
        return routes;
    }

    /**
     * A page for {@code role} and up (the router checks it; without a session the browser goes to
     * the login form), whose refusals become HTML pages rather than JSON.
     */
    private static Route page(WebSessions sessions, Layout layout, String template, Role role, Page page) {
        return new Route("GET", template, role, r -> {
            try {
                return page.render(r);
            } catch (NodeException e) {
                return error(layout, ApiException.from(e));
            } catch (ApiException e) {
                return error(layout, e);
            } catch (IllegalArgumentException e) {
                return error(layout, ApiException.badRequest(e.getMessage()));
            } catch (Exception e) {
                LOG.error("page {} failed", r.path(), e);
                return error(layout, new ApiException(500, "internal error", "the page failed on the server; see the node's log"));
            }
        }, r -> Login.challenge(sessions, layout, r));
    }

    static ApiResponse html(int status, Html page) {
        return secure(ApiResponse.text(status, HTML, page.toString())).withHeader("Cache-Control", "no-store");
    }

    static ApiResponse secure(ApiResponse r) {
        return r.withHeader("Content-Security-Policy", CSP)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    static ApiResponse redirect(String location) {
        return ApiResponse.raw(303, null, new byte[0]).withHeader("Location", location);
    }

    private static ApiResponse asset(String type, byte[] body) {
        return secure(ApiResponse.raw(200, type, body)).withHeader("Cache-Control", "max-age=300");
    }

    private static ApiResponse error(Layout layout, ApiException e) {
        Html body = Html.of("<h1>{}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/ui/\">Dashboard</a></p>\n",
                e.error(), e.detail());
        return html(e.status(), layout.page(null, e.error(), body, null));
    }

    private static String resource(String name) {
        try (InputStream in = WebUi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("UI resource " + name + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read UI resource " + name, e);
        }
    }

    /** An application/x-www-form-urlencoded body as a map (last value wins). */
    static Map<String, String> form(byte[] body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
