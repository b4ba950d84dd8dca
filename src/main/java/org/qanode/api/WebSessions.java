package org.qanode.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.qanode.account.Authenticator;
import org.qanode.account.LoginThrottle;
import org.qanode.account.Principal;

/**
 * Who a request speaks for, for the REST API and the web UI alike. On a node without accounts
 * and without {@code http.token} everyone is {@link Principal#LOCAL} (the node is meant for
 * loopback then, see the secure default in docs/security.md). Otherwise a request carries a
 * bearer token ({@code Authorization: Bearer}: the node's token or an account's script token)
 * or the cookie of a browser session opened by a login ({@link Authenticator#login}).
 *
 * <p>The cookie holds a random session id, never a secret: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Path=/, and Secure when the node speaks
 * HTTPS. Sessions live in memory for {@link #LIFETIME} and end with the process, at logout, and
 * when their account is removed, reset or changes role.
 *
 * <p>CSRF, two rules on every state-changing request (anything but GET and HEAD):
 * <ul>
 * <li>one authenticated by the cookie must carry {@code X-Requested-With}, which a form of another
 * site cannot set and a cross-site script cannot send without a CORS preflight the node never
 * grants (the UI's script sets it on every fetch);</li>
 * <li>any one a browser marks as coming from another site ({@code Sec-Fetch-Site} other than
 * {@code same-origin}/{@code none}, or an {@code Origin} that is not this node's) is refused
 * outright: this covers the two form posts that carry no header, login (no login CSRF: nobody
 * can be logged into an attacker's account) and logout.</li>
 * </ul>
 */
public final class WebSessions {
    public static final String COOKIE = "qanode_session";
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final Duration LIFETIME = Duration.ofHours(12);

    private record Session(Principal principal, Instant expires) {
    }

    private final Authenticator auth;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String attributes;

    /** {@code token} null: no authentication; plain HTTP; no accounts. */
    public WebSessions(String token) {
        this(token, false);
    }

    /** {@code https}: the cookie is also {@code Secure}, so a browser never sends it in clear text. */
    public WebSessions(String token, boolean https) {
        this(new Authenticator(token, null, new LoginThrottle(5, Duration.ofMinutes(15), Clock.systemUTC())), https,
                Clock.systemUTC());
    }

    public WebSessions(Authenticator auth, boolean https, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.attributes = "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    public Authenticator authenticator() {
        return auth;
    }

    /** Whether requests must prove who they are. */
    public boolean required() {
        return auth.required();
    }

    /**
     * Who {@code r} speaks for: {@link Principal#LOCAL} when nothing is required, else by bearer
     * token, else by session cookie; empty when it proves nobody.
     */
    public Optional<Principal> caller(ApiRequest r) {
        if (!required()) {
            return Optional.of(Principal.LOCAL);
        }
        String authorization = r.header("authorization");
        if (authorization != null) {
            return auth.bearer(authorization);
        }
        return session(r);
    }

    /** Whether {@code r} is authenticated by the session cookie alone (no bearer header). */
    public boolean byCookie(ApiRequest r) {
        return required() && r.header("authorization") == null && cookie(r.header("cookie")) != null;
    }

    /** A state-changing request by cookie without the header the UI's script sets: a forgery. */
    public boolean lacksCsrfHeader(ApiRequest r) {
        return !r.reads() && byCookie(r) && r.header(CSRF_HEADER) == null;
    }

    /**
     * A state-changing request that the browser says comes from another site. Scripts and curl
     * send neither header, so they are not affected.
     */
    public static boolean crossSite(ApiRequest r) {
        if (r.reads()) {
            return false;
        }
        // Fetch Metadata (every current browser): the browser's own verdict, authoritative
        String site = r.header("sec-fetch-site");
        if (site != null) {
            return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
        }
        // older browsers: an Origin naming another host. "null" is what a browser sends for a
        // same-origin form under the UI's Referrer-Policy: no-referrer, so it cannot be refused;
        // cookie requests still need X-Requested-With
        String origin = r.header("origin");
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String host = r.header("host");
        if (host == null) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return !(o.equals("http://" + h) || o.equals("https://" + h));
    }

    /** The live session of the request's cookie, if any. */
    public Optional<Principal> session(ApiRequest r) {
        String id = cookie(r.header("cookie"));
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (s.expires().isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s.principal());
    }

    /** The user recorded for what an authorized request does. */
    public String user(ApiRequest r) {
        Principal p = r.principal() != null ? r.principal() : caller(r).orElse(null);
        return p == null ? Principal.LOCAL_USER : p.name();
    }

    /** Opens a session for {@code p}; returns the Set-Cookie header value. */
    public String open(Principal p) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> e.expires().isBefore(now));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String value = HexFormat.of().formatHex(id);
        sessions.put(value, new Session(p, now.plus(LIFETIME)));
        return COOKIE + "=" + value + attributes + "; Max-Age=" + LIFETIME.toSeconds();
    }

    /** Ends the request's session, if any (told to the audit trail); returns the Set-Cookie value that clears it. */
    public String close(ApiRequest r) {
        String id = cookie(r.header("cookie"));
        if (id != null) {
            Session s = sessions.remove(id);
            if (s != null) {
                auth.events().loggedOut(s.principal().name(), r.remote());
            }
        }
        return COOKIE + "=" + attributes + "; Max-Age=0";
    }

    /** Ends every session of {@code user}: its account was removed, reset or changed role. */
    public void endAll(String user) {
        sessions.values().removeIf(s -> s.principal().name().equals(user));
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=") && p.length() > COOKIE.length() + 1) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
