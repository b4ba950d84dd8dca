package org.qanode.node;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS records' cipher (AES-GCM, what the BCP 195 profiles negotiate first) run through the JDK's
 * provider at start, so that C2 has compiled it, with the CPU's AES and carry-less multiply
 * instructions, before the first peer sends over DICOM TLS: the ingest warm-up's own traffic is
 * plain TCP, and until C2 has it the cipher runs at about 20 MB/s instead of 2,000 (C1 has none of
 * those intrinsics; docs/performance.md, "TLS's cryptography back to C2"). A few hundred records
 * of 16 KB each way, about 0.3 s on two cores; only for a node with TLS.
 */
public final class TlsCipherWarmUp {
    /** Records sealed and opened: enough for C2 at serve's thresholds (a probe: 50 were not, 200 were). */
    public static final int RECORDS = 400;
    /** TLS's largest record (RFC 8446 5.1). */
    private static final int RECORD_BYTES = 16 * 1024;

    private TlsCipherWarmUp() {
    }

    /** Seals and opens {@link #RECORDS} records; returns how many came back intact (all, or the JDK is broken). */
    public static int run() {
        SecretKey key = new SecretKeySpec(new byte[16], "AES");
        byte[] record = new byte[RECORD_BYTES];
        byte[] header = new byte[13]; // what TLS 1.2 authenticates with each record
        int intact = 0;
        try {
            for (int i = 0; i < RECORDS; i++) {
                record[0] = (byte) i;
                GCMParameterSpec nonce = new GCMParameterSpec(128, ByteBuffer.allocate(12).putInt(8, i).array());
                Cipher seal = Cipher.getInstance("AES/GCM/NoPadding");
                seal.init(Cipher.ENCRYPT_MODE, key, nonce);
                seal.updateAAD(header);
                byte[] sealed = seal.doFinal(record);
                Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
                open.init(Cipher.DECRYPT_MODE, key, nonce);
                open.updateAAD(header);
                if (Arrays.equals(open.doFinal(sealed), record)) {
                    intact++;
                }
            }
        } catch (GeneralSecurityException e) {
            // no AES-GCM in this JDK: TLS would not negotiate it either, nothing to warm
        }
        return intact;
    }
}
