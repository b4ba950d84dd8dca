package org.qanode.api;

import org.qanode.net.tls.TlsSettings;

/**
 * The HTTP side of the node (configuration keys {@code http.*}).
 *
 * @param token                bearer token every endpoint but health requires; null: no authentication
 * @param maxBodyBytes         request bodies above this are refused with 413 before they are buffered
 * @param publicUrl            how clients reach us, for links in webhook events (no trailing slash)
 * @param headerTimeoutSeconds a request's headers must be complete this long after its first byte
 *                             (after connecting, for a connection's first request); else 408 and close
 * @param idleTimeoutSeconds   a kept-alive connection without a request, or a body without a byte,
 *                             for this long is closed
 * @param tls                  {@code http.tls}: HTTPS with this certificate and key; null: plain HTTP
 * @param allowInsecure        serve on a non-loopback address without TLS or accounts (secure default refused)
 * @param loginMaxFailures     failed logins of one account within the window before it must wait
 *                             (four times as many per remote address)
 * @param loginWindowSeconds   the sliding window of the login throttle
 */
public record HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl,
        int headerTimeoutSeconds, int idleTimeoutSeconds, TlsSettings tls, boolean allowInsecure,
        int loginMaxFailures, int loginWindowSeconds) {
    public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_LOGIN_MAX_FAILURES = 5;
    public static final int DEFAULT_LOGIN_WINDOW_SECONDS = 900;

    /** Secure default and login throttle at their defaults. */
    public HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl,
            int headerTimeoutSeconds, int idleTimeoutSeconds, TlsSettings tls) {
        this(bind, port, token, maxBodyBytes, publicUrl, headerTimeoutSeconds, idleTimeoutSeconds, tls, false,
                DEFAULT_LOGIN_MAX_FAILURES, DEFAULT_LOGIN_WINDOW_SECONDS);
    }

    /** Plain HTTP with the default time-outs. */
    public HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl) {
        this(bind, port, token, maxBodyBytes, publicUrl, DEFAULT_HEADER_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT_SECONDS,
                null);
    }

    /** Plain HTTP. */
    public HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl,
            int headerTimeoutSeconds, int idleTimeoutSeconds) {
        this(bind, port, token, maxBodyBytes, publicUrl, headerTimeoutSeconds, idleTimeoutSeconds, null);
    }
}
