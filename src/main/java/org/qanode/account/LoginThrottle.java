package org.qanode.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins, counted per account name and per remote address over a sliding window: once
 * {@code maxFailures} failures of one name, or {@code 4 x maxFailures} from one address (a
 * shared workstation may hold several users), fall in the window, further attempts are refused
 * until the oldest failure leaves it (the Retry-After). Refused attempts are not checked at all,
 * so guessing stops costing the node BCrypt time. A success clears the account's count, not the
 * address's. In memory: a restart forgets, which costs a guesser a restart of the node.
 */
public final class LoginThrottle {
    public static final int ADDRESS_FACTOR = 4;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code account} from {@code address} must wait, or empty when it may try now. */
    public Optional<Duration> retryAfter(String account, String address) {
        Instant now = clock.instant();
        Duration a = wait(byAccount, key(account), maxFailures, now);
        Duration b = wait(byAddress, address, maxFailures * ADDRESS_FACTOR, now);
        Duration longest = a.compareTo(b) >= 0 ? a : b;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        add(byAccount, key(account), now);
        add(byAddress, address, now);
    }

    public void succeeded(String account) {
        byAccount.remove(key(account));
    }

    private Duration wait(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
        Deque<Instant> q = map.get(key == null ? "" : key);
        if (q == null) {
            return Duration.ZERO;
        }
        synchronized (q) {
            prune(q, now);
            if (q.size() < limit) {
                return Duration.ZERO;
            }
            Duration d = Duration.between(now, q.peekFirst().plus(window));
            return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
        }
    }

    private void add(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> q = map.computeIfAbsent(key == null ? "" : key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
        // bounded memory: keys whose failures have all left the window go
        if (map.size() > 10_000) {
            map.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant from = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(from)) {
            q.removeFirst();
        }
    }

    /** Account names compare without case for counting, so "Admin" and "admin" share one count. */
    private static String key(String account) {
        return account == null ? "" : account.toLowerCase(java.util.Locale.ROOT);
    }
}
