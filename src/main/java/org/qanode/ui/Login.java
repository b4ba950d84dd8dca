package org.qanode.ui;

import java.util.Map;
import java.util.stream.Collectors;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.api.WebSessions;

/**
 * Opening a browser session with the node's token: a login form (POST, form-encoded), or
 * {@code ?token=} on any page once (handy for a link from a script); either sets the session
 * cookie and redirects so that the token does not stay in the address bar or the history.
 */
final class Login {
    private final WebSessions sessions;
    private final Layout layout;

    Login(WebSessions sessions, Layout layout) {
        this.sessions = sessions;
        this.layout = layout;
    }

    ApiResponse form(ApiRequest r) {
        if (!sessions.required()) {
            return WebUi.redirect("/ui/");
        }
        return WebUi.html(200, page(next(r.param("next")), null));
    }

    ApiResponse submit(ApiRequest r) {
        if (!sessions.required()) {
            return WebUi.redirect("/ui/");
        }
        Map<String, String> form = WebUi.form(r.body());
        String next = next(form.get("next"));
        if (!sessions.tokenMatches(form.get("token"))) {
            return WebUi.html(401, page(next, "That is not the node's token."));
        }
        return WebUi.redirect(next).withHeader("Set-Cookie", sessions.open());
    }

    ApiResponse logout(ApiRequest r) {
        return WebUi.redirect(sessions.required() ? "/ui/login" : "/ui/").withHeader("Set-Cookie", sessions.close(r));
    }

    /** A page asked without a session: {@code ?token=} opens one, else the login form. */
    static ApiResponse challenge(WebSessions sessions, Layout layout, ApiRequest r) {
        String token = r.query().containsKey("token") ? r.query().get("token").get(0) : null;
        String rest = r.query().entrySet().stream().filter(e -> !e.getKey().equals("token"))
                .flatMap(e -> e.getValue().stream().map(v -> Html.url(e.getKey()) + "=" + Html.url(v)))
                .collect(Collectors.joining("&"));
        String here = r.path() + (rest.isEmpty() ? "" : "?" + rest);
        if (token != null) {
            if (sessions.tokenMatches(token)) {
                return WebUi.redirect(here).withHeader("Set-Cookie", sessions.open());
            }
            return WebUi.html(401, new Login(sessions, layout).page(here, "That is not the node's token."));
        }
        return WebUi.redirect("/ui/login?next=" + Html.url(here));
    }

    private Html page(String next, String error) {
        Html body = Html.of("<h1>Log in</h1>\n<p>This node requires its API token (<code>http.token</code>).</p>\n"
                + "<form class=\"stack\" method=\"post\" action=\"/ui/login\">\n"
                + "<input type=\"hidden\" name=\"next\" value=\"{}\">\n"
                + "<div><label for=\"token\">Token</label><input id=\"token\" name=\"token\" type=\"password\" "
                + "autocomplete=\"current-password\" required autofocus></div>\n"
                + "<div><button type=\"submit\">Log in</button></div>\n", next);
        if (error != null) {
            body.add("<p class=\"error\" role=\"alert\">{}</p>\n", error);
        }
        body.add("</form>\n");
        return layout.page("Log in", body, null, false);
    }

    /** Only a page of this UI: never an absolute or protocol-relative URL (no open redirect). */
    static String next(String next) {
        if (next == null || !next.startsWith("/ui/") || next.contains("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/ui/";
        }
        return next;
    }
}
