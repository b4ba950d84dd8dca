package org.qanode.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void anAccountWaitsAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("alice", "10.0.0.1")).isEmpty();
            throttle.failed("alice", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        // first failure at 08:00, now 08:03: it leaves the window at 08:15
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).contains(Duration.ofMinutes(12));
        // the same account from elsewhere waits too (per account), case does not matter
        assertThat(throttle.retryAfter("ALICE", "10.0.0.2")).contains(Duration.ofMinutes(12));
        // another account from the same address may still try (per address the limit is 4 x 3)
        assertThat(throttle.retryAfter("bob", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(12));
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void oneAddressGuessingManyNamesWaitsToo() {
        for (int i = 0; i < 3 * LoginThrottle.ADDRESS_FACTOR; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.retryAfter("someone-new", "10.0.0.9")).contains(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter("someone-new", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isEmpty();
    }
}
