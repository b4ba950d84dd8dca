package org.qanode.ui;

import org.qanode.account.Principal;
import org.qanode.account.Role;
import org.qanode.api.ApiRequest;
import org.qanode.api.WebSessions;

/**
 * The frame of every page: head with the one stylesheet and script, navigation (only what the
 * caller's role may use), the signed-in user with the log-out button, main.
 */
final class Layout {
    private final WebSessions sessions;

    Layout(WebSessions sessions) {
        this.sessions = sessions;
    }

    /** Whether the caller of {@code r} may do what {@code role} may (the server checks again on every request). */
    static boolean may(ApiRequest r, Role role) {
        return r != null && r.principal() != null && r.principal().may(role);
    }

    /**
     * {@code refreshSeconds}: running work; the script fetches the page again after so many seconds
     * and swaps in its main content (no meta refresh: it would reload under a reader's hands, and
     * assistive technology announces nothing; see ui.js), or null.
     */
    Html page(ApiRequest r, String title, Html body, Integer refreshSeconds) {
        return page(r, title, body, refreshSeconds, sessions.required());
    }

    /** {@code logout}: offer the log-out button (not on the login page). */
    Html page(ApiRequest r, String title, Html body, Integer refreshSeconds, boolean logout) {
        Html h = new Html(body.toString().length() + 2048);
        h.add("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · qanode</title>\n", title);
        h.add("<link rel=\"stylesheet\" href=\"/ui/assets/ui.css\">\n<script src=\"/ui/assets/ui.js\" defer></script>\n"
                + "</head><body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header class=\"top\"><a class=\"brand\" href=\"/ui/\">qanode</a>\n<nav aria-label=\"main\"><ul>"
                + "<li><a href=\"/ui/\">Dashboard</a></li>");
        if (may(r, Role.PHYSICIST)) {
            h.add("<li><a href=\"/ui/comparisons/new\">New comparison</a></li>");
        }
        h.add("<li><a href=\"/ui/exports\">Exports and sweeps</a></li><li><a href=\"/ui/associations\">Associations</a></li>"
                + "<li><a href=\"/api/v1/openapi.json\">API</a></li></ul></nav>\n");
        Principal who = r == null ? null : r.principal();
        if (logout) {
            if (who != null) {
                h.add("<span id=\"who\" data-role=\"{}\">{} ({})</span>\n", who.role().label(), who.name(), who.role().label());
            }
            h.add("<form method=\"post\" action=\"/ui/logout\"><button type=\"submit\">Log out</button></form>\n");
        }
        h.add("</header>\n<main id=\"main\" tabindex=\"-1\"{}>\n{}</main>\n</body></html>\n",
                refreshSeconds == null ? new Html(0) : Html.of(" data-refresh=\"{}\"", refreshSeconds), body);
        return h;
    }
}
