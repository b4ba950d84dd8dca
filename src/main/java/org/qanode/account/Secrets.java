package org.qanode.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Hashing and checking of secrets: BCrypt (salted, deliberately slow) from spring-security-crypto,
 * and the random parts of script tokens. BCrypt reads at most 72 bytes of a secret, so longer
 * passwords are refused rather than silently cut ({@link #MAX_PASSWORD_BYTES}).
 */
public final class Secrets {
    /** Cost 12: about a quarter of a second per check on a 2020s server core (OWASP: at least 10). */
    public static final int DEFAULT_COST = 12;
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;
    private final SecureRandom random = new SecureRandom();
    /** Checked when the account does not exist, so that its absence does not answer faster. */
    private volatile String decoy;

    public Secrets() {
        this(DEFAULT_COST);
    }

    /** A lower cost only in tests, where hundreds of hashes would otherwise take minutes. */
    public Secrets(int cost) {
        this.bcrypt = new BCryptPasswordEncoder(cost, random);
    }

    /** Made on first use: a node that never checks a password pays nothing. */
    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = bcrypt.encode("decoy-" + randomHex(8));
            decoy = d;
        }
        return d;
    }

    public String hash(String secret) {
        return bcrypt.encode(secret);
    }

    /** {@code hash} null: checks the decoy and answers false, taking as long as a real check. */
    public boolean matches(String secret, String hash) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            bcrypt.matches("x", decoy());
            return false;
        }
        if (hash == null) {
            bcrypt.matches(secret, decoy());
            return false;
        }
        return bcrypt.matches(secret, hash);
    }

    /** A password an operator chose: long enough, and whole within BCrypt's 72 bytes. */
    public static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password may have at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (BCrypt reads no further)");
        }
    }

    String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** 32 random bytes, URL-safe Base64 without padding (43 characters, within BCrypt's 72 bytes). */
    String randomSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
