package org.qanode.account;

/**
 * Who a request speaks for: an account, the node's {@code http.token} ({@value #TOKEN_USER},
 * admin) or, on a node without accounts and token, everyone ({@value #LOCAL_USER}, admin).
 */
public record Principal(String name, Role role) {
    public static final String LOCAL_USER = "local";
    public static final String TOKEN_USER = "token";
    /** A node without accounts nor token: loopback only (see docs/security.md), everyone is admin. */
    public static final Principal LOCAL = new Principal(LOCAL_USER, Role.ADMIN);
    /** The {@code http.token}: an admin. */
    public static final Principal TOKEN = new Principal(TOKEN_USER, Role.ADMIN);

    public boolean may(Role needed) {
        return needed == null || role.includes(needed);
    }
}
