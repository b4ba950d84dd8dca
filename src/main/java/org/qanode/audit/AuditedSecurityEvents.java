package org.qanode.audit;

import org.qanode.account.Role;
import org.qanode.account.SecurityEvents;

/**
 * The accounts layer's logins and account changes as audit records: User Authentication
 * (PS3.15 A.5.3.11) for logins and log-outs, Security Alert with User Security Attributes Changed
 * (A.5.3.8) for accounts added, removed, reset or given another role. The accounts layer names
 * the account, which the HTTP router alone could not.
 */
public final class AuditedSecurityEvents implements SecurityEvents {
    private final AuditTrail trail;

    public AuditedSecurityEvents(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void loginSucceeded(String user, String remote, String method) {
        trail.record(AuditEvent.login(user, remote, true, "login by " + method));
    }

    @Override
    public void loginFailed(String user, String remote, String reason) {
        trail.record(AuditEvent.login(user, remote, false, reason));
    }

    @Override
    public void loggedOut(String user, String remote) {
        trail.record(AuditEvent.of(AuditEventType.LOGOUT, AuditOutcome.SUCCESS, user, remote));
    }

    @Override
    public void accountAdded(String actor, String remote, String user, Role role) {
        trail.record(AuditEvent.accountChanged(actor, remote, user, "account added, role " + role.label()));
    }

    @Override
    public void accountRemoved(String actor, String remote, String user) {
        trail.record(AuditEvent.accountChanged(actor, remote, user, "account removed"));
    }

    @Override
    public void accountReset(String actor, String remote, String user) {
        trail.record(AuditEvent.accountChanged(actor, remote, user, "password and token reset"));
    }

    @Override
    public void roleChanged(String actor, String remote, String user, Role from, Role to) {
        trail.record(AuditEvent.accountChanged(actor, remote, user, "role " + from.label() + " -> " + to.label()));
    }
}
