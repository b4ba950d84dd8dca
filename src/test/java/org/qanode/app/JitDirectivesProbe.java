package org.qanode.app;

import java.security.MessageDigest;
import org.qanode.compare.JitProbeLoop;

/**
 * Run by {@link JitDirectivesTest} in a JVM of its own with {@code -XX:+PrintCompilation}: makes
 * the SHA-256 digest, AES-GCM, BigInteger arithmetic, a method of this package and one of the
 * comparator's hot enough for C2 at the JVM's thresholds, so the test can read which compiler
 * each one got.
 */
public final class JitDirectivesProbe {
    private JitDirectivesProbe() {
    }

    static long mix(long seed, int rounds) {
        long s = seed;
        for (int i = 0; i < rounds; i++) {
            s = s * 6364136223846793005L + i ^ (s >>> 29);
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        byte[] block = new byte[1 << 20];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long s = 0;
        for (int i = 0; i < 200_000; i++) {
            s += mix(i, 50) + JitProbeLoop.mix(i, 50);
            if (i % 1_000 == 0) {
                sha.update(block);
            }
        }
        for (int i = 0; i < 200; i++) {
            sha.update(block);
        }
        // TLS's cryptography: AES-GCM records and the handshake's modular arithmetic
        javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(new byte[16], "AES");
        byte[] record = new byte[16 * 1024];
        int sealed = 0;
        for (int i = 0; i < 400; i++) {
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, key,
                    new javax.crypto.spec.GCMParameterSpec(128, java.nio.ByteBuffer.allocate(12).putInt(i).array()));
            sealed += gcm.doFinal(record)[0];
        }
        java.math.BigInteger modulus = java.math.BigInteger.ONE.shiftLeft(1024).subtract(java.math.BigInteger.valueOf(105));
        java.math.BigInteger power = java.math.BigInteger.valueOf(3);
        for (int i = 0; i < 300; i++) {
            power = power.modPow(java.math.BigInteger.valueOf(65_537 + i), modulus);
        }
        // printed so that no compiler can drop the work as unused
        System.out.println("probe " + s + " " + sha.digest()[0] + " " + sealed + " " + power.bitLength());
    }
}
