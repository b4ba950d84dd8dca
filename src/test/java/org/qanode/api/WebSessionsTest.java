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

    private static ApiRequest post(String... headers) {
        java.util.Map<String, String> h = new java.util.HashMap<>();
        h.put("host", "qa.example:8443");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new ApiRequest("POST", "/ui/login", java.util.Map.of(), h, new byte[0], java.util.Map.of());
    }

    /** The cross-site rule: Fetch Metadata first, else Origin against Host; a null Origin is a same-origin form here. */
    @Test
    void crossSitePostsAreRecognised() {
        assertThat(WebSessions.crossSite(post("sec-fetch-site", "cross-site", "origin", "https://qa.example:8443"))).isTrue();
        assertThat(WebSessions.crossSite(post("sec-fetch-site", "same-site"))).isTrue();
        assertThat(WebSessions.crossSite(post("sec-fetch-site", "same-origin", "origin", "null"))).isFalse();
        assertThat(WebSessions.crossSite(post("sec-fetch-site", "none"))).isFalse();
        assertThat(WebSessions.crossSite(post("origin", "https://evil.example"))).isTrue();
        assertThat(WebSessions.crossSite(post("origin", "https://qa.example:8443"))).isFalse();
        assertThat(WebSessions.crossSite(post("origin", "null"))).isFalse();
        assertThat(WebSessions.crossSite(post())).isFalse(); // curl, scripts
        assertThat(WebSessions.crossSite(new ApiRequest("GET", "/ui/", java.util.Map.of(),
                java.util.Map.of("sec-fetch-site", "cross-site"), new byte[0], java.util.Map.of()))).isFalse();
    }
}
