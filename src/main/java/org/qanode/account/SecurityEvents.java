package org.qanode.account;

/**
 * What the audit trail (issue 12) must hear about logins and accounts. The HTTP layer and
 * {@link Accounts} call it; the audit package implements it (PS3.15 A.5.3, the "User
 * Authentication" message for logins and logouts, "Security Alert" for account changes). Every
 * method has a no-op default so that an implementation picks what it records.
 *
 * <p>{@code user} is the account name given (for a failed login possibly no account at all),
 * {@code remote} the peer's address ({@code host:port}, or {@code cli} when the command line
 * worked on the index directly), {@code actor} who made an account change.
 */
public interface SecurityEvents {
    SecurityEvents NONE = new SecurityEvents() {
    };

    /** {@code first}, then {@code second} (e.g. the audit trail and a test's recorder). */
    static SecurityEvents both(SecurityEvents first, SecurityEvents second) {
        return new SecurityEvents() {
            @Override
            public void loginSucceeded(String user, String remote, String method) {
                first.loginSucceeded(user, remote, method);
                second.loginSucceeded(user, remote, method);
            }

            @Override
            public void loginFailed(String user, String remote, String reason) {
                first.loginFailed(user, remote, reason);
                second.loginFailed(user, remote, reason);
            }

            @Override
            public void loggedOut(String user, String remote) {
                first.loggedOut(user, remote);
                second.loggedOut(user, remote);
            }

            @Override
            public void accountAdded(String actor, String remote, String user, Role role) {
                first.accountAdded(actor, remote, user, role);
                second.accountAdded(actor, remote, user, role);
            }

            @Override
            public void accountRemoved(String actor, String remote, String user) {
                first.accountRemoved(actor, remote, user);
                second.accountRemoved(actor, remote, user);
            }

            @Override
            public void accountReset(String actor, String remote, String user) {
                first.accountReset(actor, remote, user);
                second.accountReset(actor, remote, user);
            }

            @Override
            public void roleChanged(String actor, String remote, String user, Role from, Role to) {
                first.roleChanged(actor, remote, user, from, to);
                second.roleChanged(actor, remote, user, from, to);
            }
        };
    }

    /** {@code method}: {@code password} or {@code token} (the node's http.token). */
    default void loginSucceeded(String user, String remote, String method) {
    }

    /** {@code reason}: e.g. {@code wrong password}, {@code rate limited}. */
    default void loginFailed(String user, String remote, String reason) {
    }

    default void loggedOut(String user, String remote) {
    }

    default void accountAdded(String actor, String remote, String user, Role role) {
    }

    default void accountRemoved(String actor, String remote, String user) {
    }

    /** Password and token replaced. */
    default void accountReset(String actor, String remote, String user) {
    }

    default void roleChanged(String actor, String remote, String user, Role from, Role to) {
    }
}
