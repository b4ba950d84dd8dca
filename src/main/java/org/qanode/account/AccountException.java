package org.qanode.account;

/** An account operation refused: the account exists already, or does not exist. */
public final class AccountException extends RuntimeException {
    public enum Kind {
        NOT_FOUND, CONFLICT
    }

    private final Kind kind;

    public AccountException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
