package org.qanode.api;

/**
 * The HTTP side of the node (configuration keys {@code http.*}).
 *
 * @param token        bearer token every endpoint but health requires; null: no authentication
 * @param maxBodyBytes request bodies above this are refused with 413 before they are buffered
 * @param publicUrl    how clients reach us, for links in webhook events (no trailing slash)
 */
public record HttpSettings(String bind, int port, String token, int maxBodyBytes, String publicUrl) {
}
