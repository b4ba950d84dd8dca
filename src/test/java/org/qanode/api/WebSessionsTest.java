package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The session cookie's attributes: never readable by scripts or sent cross-site; Secure over HTTPS. */
class WebSessionsTest {

    @Test
    void cookieIsSecureOnlyOverHttps() {
        String plain = new WebSessions("t0ken").open(org.qanode.account.Principal.TOKEN);
        String https = new WebSessions("t0ken", true).open(org.qanode.account.Principal.TOKEN);
        assertThat(plain).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        assertThat(https).contains("HttpOnly").contains("SameSite=Strict").contains("; Secure");
        assertThat(https).doesNotContain("t0ken");
    }
}
