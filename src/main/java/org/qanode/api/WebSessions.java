package org.qanode.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request speaks for, for the REST API and the web UI alike. Without {@code http.token}
 * everyone is {@code local} (the node is meant for loopback then). With it, a request carries
 * either the bearer token ({@code Authorization: Bearer}) or the cookie of a browser session
 * opened by presenting the token once (login form, or {@code ?token=} on a UI page).
 *
 * <p>The cookie holds a random session id, never the token: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Path=/, and Secure when the node speaks HTTPS. Sessions live in memory for
 * {@link #LIFETIME} and end with the process. A state-changing request (anything but GET and
 * HEAD) authenticated by the cookie must also carry {@code X-Requested-With}, which a form of
 * another site cannot set and a cross-site script cannot send without a CORS preflight the node
 * never grants: the UI's script sets it on every fetch.
 */
public final class WebSessions {
    public static final String COOKIE = "qanode_session";
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** The user a sign-off is recorded with: no token configured, or the bearer token. */
    public static final String LOCAL_USER = "local";
    public static final String TOKEN_USER = "token";

    private final byte[] token;
    private final byte[] authorization;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String attributes;

    /** {@code token} null: no authentication; plain HTTP. */
    public WebSessions(String token) {
        this(token, false);
    }

    /** {@code https}: the cookie is also {@code Secure}, so a browser never sends it in clear text. */
    public WebSessions(String token, boolean https) {
        this(token, https, Clock.systemUTC());
    }

    WebSessions(String token, Clock clock) {
        this(token, false, clock);
    }

    WebSessions(String token, boolean https, Clock clock) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.authorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.attributes = "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** Whether requests must prove who they are. */
    public boolean required() {
        return token != null;
    }

    /** Constant time, so the token cannot be guessed byte by byte from response times. */
    public boolean tokenMatches(String given) {
        return token != null && given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The bearer header matches (REST clients). */
    public boolean bearer(ApiRequest r) {
        String given = r.header("authorization");
        return authorization != null && given != null
                && MessageDigest.isEqual(authorization, given.getBytes(StandardCharsets.UTF_8));
    }

    /** A live browser session cookie (no CSRF check: for reading pages). */
    public boolean session(ApiRequest r) {
        String id = cookie(r.header("cookie"));
        if (id == null) {
            return false;
        }
        Instant expires = sessions.get(id);
        if (expires == null) {
            return false;
        }
        if (expires.isBefore(clock.instant())) {
            sessions.remove(id);
            return false;
        }
        return true;
    }

    /**
     * Whether a request may use an authenticated endpoint: always without a token; else the bearer
     * token, or a session cookie (with {@code X-Requested-With} unless the method only reads).
     */
    public boolean authorized(ApiRequest r) {
        if (!required() || bearer(r)) {
            return true;
        }
        boolean reads = r.method().equals("GET") || r.method().equals("HEAD");
        return session(r) && (reads || r.header(CSRF_HEADER) != null);
    }

    /** The user recorded for what an authorized request does (accounts come with issue 12). */
    public String user(ApiRequest r) {
        return required() ? TOKEN_USER : LOCAL_USER;
    }

    /** Opens a session; returns the Set-Cookie header value. */
    public String open() {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> e.isBefore(now));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String value = HexFormat.of().formatHex(id);
        sessions.put(value, now.plus(LIFETIME));
        return COOKIE + "=" + value + attributes + "; Max-Age=" + LIFETIME.toSeconds();
    }

    /** Ends the request's session, if any; returns the Set-Cookie header value that clears it. */
    public String close(ApiRequest r) {
        String id = cookie(r.header("cookie"));
        if (id != null) {
            sessions.remove(id);
        }
        return COOKIE + "=" + attributes + "; Max-Age=0";
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
