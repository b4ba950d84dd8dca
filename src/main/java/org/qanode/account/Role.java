package org.qanode.account;

import java.util.Locale;

/**
 * What an account may do (ARCHITECTURE.md, "Security on a clinical network"), each role including
 * the ones before it: a viewer reads; a physicist also runs comparisons, exports and sweeps and
 * signs off; an admin also creates and deletes states, sets the receiving state and manages
 * accounts and the audit trail.
 */
public enum Role {
    VIEWER, PHYSICIST, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** As written in configuration, the CLI and JSON: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code viewer}, {@code physicist} or {@code admin}, any case; else an error naming them. */
    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(text.strip())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be viewer, physicist or admin, got '" + text + "'");
    }
}
