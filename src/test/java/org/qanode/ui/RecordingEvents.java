package org.qanode.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.qanode.account.Role;
import org.qanode.account.SecurityEvents;

/** What the audit trail would hear, as one line per event. */
final class RecordingEvents implements SecurityEvents {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void loginSucceeded(String user, String remote, String method) {
        lines.add("login " + user + " " + remote + " " + method);
    }

    @Override
    public void loginFailed(String user, String remote, String reason) {
        lines.add("login failed " + user + " " + remote + " " + reason);
    }

    @Override
    public void loggedOut(String user, String remote) {
        lines.add("logout " + user + " " + remote);
    }

    @Override
    public void accountAdded(String actor, String remote, String user, Role role) {
        lines.add("added " + user + " " + role.label() + " by " + actor + " " + remote);
    }

    @Override
    public void accountRemoved(String actor, String remote, String user) {
        lines.add("removed " + user + " by " + actor + " " + remote);
    }

    @Override
    public void accountReset(String actor, String remote, String user) {
        lines.add("reset " + user + " by " + actor + " " + remote);
    }

    @Override
    public void roleChanged(String actor, String remote, String user, Role from, Role to) {
        lines.add("role " + user + " " + from.label() + "->" + to.label() + " by " + actor + " " + remote);
    }
}
