package org.qanode.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.qanode.store.IndexDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's accounts: add, list, remove, reset (new password and token), change role, and the
 * checks of a password or a script token. Every change is told to {@link SecurityEvents} and
 * logged in one line (names and roles only, never a secret).
 *
 * <p>A script token is {@code qan_<id>.<secret>}: the id finds the account, the secret is checked
 * against its BCrypt hash. A BCrypt check costs a quarter of a second by design, which a script
 * polling the API would pay on every request, so a token once checked is remembered for
 * {@link #TOKEN_CACHE} under its SHA-256 (never the token itself), forgotten at once when its
 * account is reset, removed or changes role through this instance.
 */
public final class Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    static final Duration TOKEN_CACHE = Duration.ofSeconds(60);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("qan_([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");

    /** An account as created or reset, with its new script token: shown once, stored only hashed. */
    public record Issued(Account account, String token) {
    }

    private record Verified(Principal principal, Instant until) {
    }

    private final AccountRepository repository;
    private final Secrets secrets;
    private final SecurityEvents events;
    private final Clock clock;
    private final Map<String, Verified> verifiedTokens = new ConcurrentHashMap<>();

    public Accounts(IndexDatabase db, SecurityEvents events) {
        this(db, events, new Secrets(), Clock.systemUTC());
    }

    public Accounts(IndexDatabase db, SecurityEvents events, Secrets secrets, Clock clock) {
        this.repository = new AccountRepository(db);
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    public SecurityEvents events() {
        return events;
    }

    /** Whether any account exists (then every request but health must authenticate). */
    public boolean any() {
        return repository.count() > 0;
    }

    public List<Account> list() {
        return repository.list();
    }

    public Optional<Account> find(String name) {
        return repository.find(name);
    }

    public Issued add(String actor, String remote, String name, Role role, String password) {
        checkName(name);
        Secrets.checkPassword(password);
        String tokenId = secrets.randomHex(8);
        String secret = secrets.randomSecret();
        if (!repository.insert(name, role, secrets.hash(password), tokenId, secrets.hash(secret))) {
            throw new AccountException(AccountException.Kind.CONFLICT, "account " + name + " exists already");
        }
        LOG.info("account {} added with role {} by {} from {}", name, role.label(), actor, remote);
        events.accountAdded(actor, remote, name, role);
        return new Issued(repository.find(name).orElseThrow(), token(tokenId, secret));
    }

    public void remove(String actor, String remote, String name) {
        if (!repository.delete(name)) {
            throw notFound(name);
        }
        forget(name);
        LOG.info("account {} removed by {} from {}", name, actor, remote);
        events.accountRemoved(actor, remote, name);
    }

    /** A new password and a new token; the old ones stop working at once. */
    public Issued reset(String actor, String remote, String name, String password) {
        Secrets.checkPassword(password);
        String tokenId = secrets.randomHex(8);
        String secret = secrets.randomSecret();
        if (!repository.updateSecrets(name, secrets.hash(password), tokenId, secrets.hash(secret))) {
            throw notFound(name);
        }
        forget(name);
        LOG.info("account {} reset (password and token) by {} from {}", name, actor, remote);
        events.accountReset(actor, remote, name);
        return new Issued(repository.find(name).orElseThrow(), token(tokenId, secret));
    }

    public Account setRole(String actor, String remote, String name, Role role) {
        Account before = repository.find(name).orElseThrow(() -> notFound(name));
        if (before.role() != role) {
            repository.updateRole(name, role);
            forget(name);
            LOG.info("account {} role changed from {} to {} by {} from {}", name, before.role().label(), role.label(),
                    actor, remote);
            events.roleChanged(actor, remote, name, before.role(), role);
        }
        return repository.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * The account when {@code password} is its password; as slow for an unknown name as for a
     * known one. Says nothing to {@link SecurityEvents}: the login around it does.
     */
    public Optional<Principal> checkPassword(String name, String password) {
        Optional<AccountRepository.Stored> stored = name == null ? Optional.empty() : repository.byName(name);
        boolean ok = secrets.matches(password, stored.map(AccountRepository.Stored::passwordHash).orElse(null));
        return ok ? stored.map(s -> new Principal(s.account().name(), s.account().role())) : Optional.empty();
    }

    /** The account whose script token this is, if any. */
    public Optional<Principal> checkToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String key = sha256(token);
        Instant now = clock.instant();
        Verified v = verifiedTokens.get(key);
        if (v != null && v.until().isAfter(now)) {
            return Optional.of(v.principal());
        }
        Optional<AccountRepository.Stored> stored = repository.byTokenId(m.group(1));
        if (!secrets.matches(m.group(2), stored.map(AccountRepository.Stored::tokenHash).orElse(null))) {
            return Optional.empty();
        }
        Principal p = new Principal(stored.get().account().name(), stored.get().account().role());
        verifiedTokens.values().removeIf(e -> !e.until().isAfter(now));
        verifiedTokens.put(key, new Verified(p, now.plus(TOKEN_CACHE)));
        return Optional.of(p);
    }

    private void forget(String name) {
        verifiedTokens.values().removeIf(v -> v.principal().name().equals(name));
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an account name is 1 to 64 letters, digits, '.', '_', '@' or '-', "
                    + "starting with a letter or digit; got '" + name + "'");
        }
        if (name.equals(Principal.LOCAL_USER) || name.equals(Principal.TOKEN_USER)) {
            throw new IllegalArgumentException("'" + name + "' is reserved (it names sign-offs without an account)");
        }
    }

    private static String token(String id, String secret) {
        return "qan_" + id + "." + secret;
    }

    private static AccountException notFound(String name) {
        return new AccountException(AccountException.Kind.NOT_FOUND, "no account " + name);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
