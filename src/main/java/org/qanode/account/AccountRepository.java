package org.qanode.account;

import java.util.List;
import java.util.Optional;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;

/** The accounts table of the index (migration 006). Hashes go in and out, never secrets. */
final class AccountRepository {
    private static final String COLUMNS = "account_name, account_role, created_at, changed_at";

    /** A row with the hashes, for checking a secret. */
    record Stored(Account account, String passwordHash, String tokenHash) {
    }

    private final Jdbc jdbc;

    AccountRepository(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "accounts");
    }

    boolean insert(String name, Role role, String passwordHash, String tokenId, String tokenHash) {
        if (find(name).isPresent()) {
            return false;
        }
        var now = Jdbc.now();
        jdbc.update("INSERT INTO accounts (account_name, account_role, password_hash, token_id, token_hash, created_at, "
                + "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, role.name(), passwordHash, tokenId, tokenHash, now, now);
        return true;
    }

    List<Account> list() {
        return jdbc.select("SELECT " + COLUMNS + " FROM accounts ORDER BY account_name", AccountRepository::account);
    }

    long count() {
        return jdbc.select("SELECT COUNT(*) AS n FROM accounts", rs -> rs.getLong("n")).get(0);
    }

    Optional<Account> find(String name) {
        return jdbc.select("SELECT " + COLUMNS + " FROM accounts WHERE account_name = ?", AccountRepository::account, name)
                .stream().findFirst();
    }

    Optional<Stored> byName(String name) {
        return jdbc.select("SELECT " + COLUMNS + ", password_hash, token_hash FROM accounts WHERE account_name = ?",
                rs -> new Stored(account(rs), rs.getString("password_hash"), rs.getString("token_hash")), name)
                .stream().findFirst();
    }

    Optional<Stored> byTokenId(String tokenId) {
        return jdbc.select("SELECT " + COLUMNS + ", password_hash, token_hash FROM accounts WHERE token_id = ?",
                rs -> new Stored(account(rs), rs.getString("password_hash"), rs.getString("token_hash")), tokenId)
                .stream().findFirst();
    }

    boolean delete(String name) {
        return jdbc.update("DELETE FROM accounts WHERE account_name = ?", name) > 0;
    }

    boolean updateSecrets(String name, String passwordHash, String tokenId, String tokenHash) {
        return jdbc.update("UPDATE accounts SET password_hash = ?, token_id = ?, token_hash = ?, changed_at = ? "
                + "WHERE account_name = ?", passwordHash, tokenId, tokenHash, Jdbc.now(), name) > 0;
    }

    boolean updateRole(String name, Role role) {
        return jdbc.update("UPDATE accounts SET account_role = ?, changed_at = ? WHERE account_name = ?",
                role.name(), Jdbc.now(), name) > 0;
    }

    private static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Account(rs.getString("account_name"), Role.valueOf(rs.getString("account_role")),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "changed_at"));
    }
}
