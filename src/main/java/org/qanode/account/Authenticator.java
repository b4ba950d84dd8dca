package org.qanode.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof of who someone is, the same for the REST API and the UI: a bearer token (the node's
 * {@code http.token}, an admin, or an account's script token) or a login with name and password
 * (or, with no name, the node's token as password). Logins are rate-limited by
 * {@link LoginThrottle} and reported to {@link SecurityEvents}; bearer tokens are not throttled
 * (they carry 256 random bits, nothing to guess).
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    /** A login's outcome: exactly one of a principal, a refusal, or a wait. */
    public sealed interface Login {
    }

    public record Accepted(Principal principal) implements Login {
    }

    public record Refused() implements Login {
    }

    public record Throttled(Duration retryAfter) implements Login {
    }

    private final byte[] token;
    private final Accounts accounts;
    private final LoginThrottle throttle;

    /** @param token {@code http.token}, or null; {@code accounts} null: the token alone (no index at hand) */
    public Authenticator(String token, Accounts accounts, LoginThrottle throttle) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.accounts = accounts;
        this.throttle = throttle;
    }

    public Accounts accounts() {
        return accounts;
    }

    public SecurityEvents events() {
        return accounts == null ? SecurityEvents.NONE : accounts.events();
    }

    /** Whether requests must prove who they are: a token is configured or an account exists. */
    public boolean required() {
        return token != null || (accounts != null && accounts.any());
    }

    /** Constant time, so the token cannot be guessed byte by byte from response times. */
    public boolean isNodeToken(String given) {
        return token != null && given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The principal of an {@code Authorization: Bearer} header value, if it proves one. */
    public Optional<Principal> bearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String given = authorization.substring(7).strip();
        if (isNodeToken(given)) {
            return Optional.of(Principal.TOKEN);
        }
        return accounts == null ? Optional.empty() : accounts.checkToken(given);
    }

    /**
     * A login: {@code user} blank means the node's token as {@code password}. Reported to
     * {@link SecurityEvents} and logged in one line either way.
     */
    public Login login(String user, String password, String remote) {
        boolean byToken = user == null || user.isBlank();
        String name = byToken ? Principal.TOKEN_USER : user.strip();
        Optional<Duration> wait = throttle.retryAfter(name, remote);
        if (wait.isPresent()) {
            LOG.info("login of {} from {} refused: too many failures, retry in {} s", name, remote, wait.get().toSeconds());
            events().loginFailed(name, remote, "rate limited");
            return new Throttled(wait.get());
        }
        Optional<Principal> p = byToken ? (isNodeToken(password) ? Optional.of(Principal.TOKEN) : Optional.empty())
                : accounts == null ? Optional.empty() : accounts.checkPassword(name, password);
        if (p.isEmpty()) {
            throttle.failed(name, remote);
            LOG.info("login of {} from {} failed", name, remote);
            events().loginFailed(name, remote, byToken ? "wrong token" : "wrong user name or password");
            return new Refused();
        }
        throttle.succeeded(name);
        LOG.info("login of {} ({}) from {}", name, p.get().role().label(), remote);
        events().loginSucceeded(name, remote, byToken ? "token" : "password");
        return new Accepted(p.get());
    }
}
