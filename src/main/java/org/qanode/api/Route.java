package org.qanode.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qanode.account.Role;

/**
 * One entry of the route table: method, path template with {@code {name}} segments (the
 * OpenAPI notation, so the document can be checked against this table), the least role it
 * needs (null: anyone, no authentication), the handler, and optionally what an unauthenticated
 * caller gets instead of 401 (the UI's pages send the browser to the login form).
 */
public record Route(String method, String template, Role role, Handler handler, Handler challenge) {

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    public Route(String method, String template, Role role, Handler handler) {
        this(method, template, role, handler, null);
    }

    /** {@code authenticated}: any authenticated caller (viewer and up). */
    public Route(String method, String template, boolean authenticated, Handler handler) {
        this(method, template, authenticated ? Role.VIEWER : null, handler, null);
    }

    /** Whether the route needs an authenticated caller at all. */
    public boolean authenticated() {
        return role != null;
    }

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    /** The path parameters when {@code path} fits the template, else null. */
    Map<String, String> match(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            Matcher m = PARAM.matcher(want[i]);
            if (m.matches()) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(m.group(1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }

    static List<String> methods(List<Route> routes, String path) {
        return routes.stream().filter(r -> r.match(path) != null).map(Route::method).distinct().toList();
    }
}
