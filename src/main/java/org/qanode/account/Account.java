package org.qanode.account;

/** An account as listed: never any secret, hashed or not. Times ISO-8601 UTC. */
public record Account(String name, Role role, String createdAt, String changedAt) {
}
