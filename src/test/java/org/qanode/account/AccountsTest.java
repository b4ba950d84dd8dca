package org.qanode.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.Jdbc;
import org.qanode.store.StateStore;

/** Accounts on a real embedded H2 index (migration 006); BCrypt at a low cost to keep it quick. */
class AccountsTest {
    @TempDir
    Path dir;
    StateStore store;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    List<String> events = new ArrayList<>();
    Accounts accounts;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dir, StateStore.defaultIndexUrl(dir));
        accounts = new Accounts(store.index(), new SecurityEvents() {
            @Override
            public void accountAdded(String actor, String remote, String user, Role role) {
                events.add("added " + user + " " + role + " by " + actor + " from " + remote);
            }

            @Override
            public void accountRemoved(String actor, String remote, String user) {
                events.add("removed " + user + " by " + actor);
            }

            @Override
            public void accountReset(String actor, String remote, String user) {
                events.add("reset " + user + " by " + actor);
            }

            @Override
            public void roleChanged(String actor, String remote, String user, Role from, Role to) {
                events.add("role " + user + " " + from + "->" + to);
            }
        }, new Secrets(4), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void passwordsAndTokensAreCheckedAgainstHashesOnly() {
        assertThat(accounts.any()).isFalse();
        Accounts.Issued alice = accounts.add("admin", "127.0.0.1", "alice", Role.PHYSICIST, "correct horse battery");
        assertThat(accounts.any()).isTrue();
        assertThat(alice.token()).matches("qan_[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}");
        assertThat(accounts.checkPassword("alice", "correct horse battery")).contains(new Principal("alice", Role.PHYSICIST));
        assertThat(accounts.checkPassword("alice", "correct horse batterY")).isEmpty();
        assertThat(accounts.checkPassword("bob", "correct horse battery")).isEmpty();
        assertThat(accounts.checkToken(alice.token())).contains(new Principal("alice", Role.PHYSICIST));
        assertThat(accounts.checkToken(alice.token().substring(0, alice.token().length() - 1) + "x")).isEmpty();
        assertThat(accounts.checkToken("qanode")).isEmpty();

        // what the index holds: BCrypt hashes, neither secret
        List<String> row = new Jdbc(store.index(), "accounts").select(
                "SELECT password_hash, token_hash, token_id FROM accounts WHERE account_name = 'alice'",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        assertThat(row).singleElement().satisfies(r -> {
            assertThat(r).startsWith("$2a$04$").doesNotContain("correct horse").doesNotContain(alice.token().substring(21));
        });
        assertThat(events).containsExactly("added alice PHYSICIST by admin from 127.0.0.1");
    }

    @Test
    void resetRemoveAndRoleChangeTakeEffectAtOnce() {
        Accounts.Issued first = accounts.add("cli", "cli", "bob", Role.VIEWER, "first password!");
        assertThat(accounts.checkToken(first.token())).isPresent(); // now remembered
        Accounts.Issued second = accounts.reset("cli", "cli", "bob", "second password!");
        assertThat(accounts.checkToken(first.token())).isEmpty();
        assertThat(accounts.checkPassword("bob", "first password!")).isEmpty();
        assertThat(accounts.checkToken(second.token())).contains(new Principal("bob", Role.VIEWER));
        assertThat(accounts.setRole("cli", "cli", "bob", Role.ADMIN).role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.checkToken(second.token())).contains(new Principal("bob", Role.ADMIN));
        accounts.remove("cli", "cli", "bob");
        assertThat(accounts.checkToken(second.token())).isEmpty();
        assertThat(accounts.list()).isEmpty();
        assertThat(events).containsExactly("added bob VIEWER by cli from cli", "reset bob by cli", "role bob VIEWER->ADMIN",
                "removed bob by cli");
    }

    @Test
    void aRememberedTokenIsCheckedAgainAfterAMinute() {
        Accounts.Issued a = accounts.add("cli", "cli", "carol", Role.VIEWER, "a long password");
        assertThat(accounts.checkToken(a.token())).isPresent();
        // removed behind this instance's back (another process on a shared PostgreSQL index)
        new Jdbc(store.index(), "accounts").update("DELETE FROM accounts");
        assertThat(accounts.checkToken(a.token())).isPresent();
        clock.advance(Accounts.TOKEN_CACHE.plus(Duration.ofSeconds(1)));
        assertThat(accounts.checkToken(a.token())).isEmpty();
    }

    @Test
    void refusals() {
        accounts.add("cli", "cli", "dave", Role.VIEWER, "a long password");
        assertThatThrownBy(() -> accounts.add("cli", "cli", "dave", Role.ADMIN, "a long password"))
                .isInstanceOf(AccountException.class).hasMessage("account dave exists already");
        assertThatThrownBy(() -> accounts.add("cli", "cli", "token", Role.ADMIN, "a long password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> accounts.add("cli", "cli", "a b", Role.ADMIN, "a long password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name");
        assertThatThrownBy(() -> accounts.add("cli", "cli", "erin", Role.ADMIN, "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> accounts.add("cli", "cli", "erin", Role.ADMIN, "é".repeat(37)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> accounts.remove("cli", "cli", "nobody"))
                .isInstanceOf(AccountException.class).hasMessage("no account nobody");
        assertThat(Role.parse("Physicist")).isEqualTo(Role.PHYSICIST);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("viewer, physicist or admin");
    }
}
