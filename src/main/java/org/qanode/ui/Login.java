package org.qanode.ui;

import java.util.Map;
import java.util.stream.Collectors;
import org.qanode.account.Authenticator;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.api.WebSessions;

/**
 * Opening a browser session: a login form (POST, form-encoded) with an account's name and
 * password, or with no name and the node's {@code http.token} as password; or {@code ?token=}
 * on any page once (the node's token, handy for a link from a script). Either sets the session
 * cookie and redirects, so that no secret stays in the address bar or the history. Failed logins
 * are rate-limited: 429 with Retry-After ({@link Authenticator#login}).
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
        return login(r, form.get("user"), form.get("password"), next(form.get("next")));
    }

    private ApiResponse login(ApiRequest r, String user, String password, String next) {
        Authenticator.Login result = sessions.authenticator().login(user, password, r.remote());
        if (result instanceof Authenticator.Accepted ok) {
            return WebUi.redirect(next).withHeader("Set-Cookie", sessions.open(ok.principal()));
        }
        if (result instanceof Authenticator.Throttled t) {
            long seconds = Math.max(1, t.retryAfter().toSeconds());
            return WebUi.html(429, page(next, "Too many failed logins. Try again in " + seconds + " seconds."))
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        return WebUi.html(401, page(next, "Wrong user name or password."));
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
            return new Login(sessions, layout).login(r, null, token, here);
        }
        return WebUi.redirect("/ui/login?next=" + Html.url(here));
    }

    private Html page(String next, String error) {
        Html body = Html.of("<h1>Log in</h1>\n<p>Your account's user name and password; scripts and the node's "
                + "administrator may leave the user name empty and give the node's token (<code>http.token</code>).</p>\n"
                + "<form class=\"stack\" method=\"post\" action=\"/ui/login\">\n"
                + "<input type=\"hidden\" name=\"next\" value=\"{}\">\n"
                + "<div><label for=\"user\">User name</label><input id=\"user\" name=\"user\" type=\"text\" "
                + "autocomplete=\"username\" autofocus></div>\n"
                + "<div><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
                + "autocomplete=\"current-password\" required></div>\n"
                + "<div><button type=\"submit\">Log in</button></div>\n", next);
        if (error != null) {
            body.add("<p class=\"error\" role=\"alert\">{}</p>\n", error);
        }
        body.add("</form>\n");
        return layout.page(null, "Log in", body, null, false);
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
