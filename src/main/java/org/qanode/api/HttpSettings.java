package org.qanode.api;

import org.qanode.net.tls.TlsSettings;

/**
 * The HTTP side of the node (configuration keys {@code http.*}).
 *
 * @param token        bearer token every endpoint but health requires; null: no authentication
 * @param maxBodyBytes request bodies above this are refused with 413 before they are buffered
 * @param publicUrl    how clients reach us, for links in webhook events (no trailing slash)
 * @param tls          {@code http.tls}: HTTPS with this certificate and key; null: plain HTTP
 */
public record HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl, TlsSettings tls) {

    /** Plain HTTP. */
    public HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl) {
        this(bind, port, token, maxBodyBytes, publicUrl, null);
    }
}
