package org.qanode.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * Presentation Context Item (20H) of an A-ASSOCIATE-RQ, PS3.8 section 9.3.2.2.
 *
 * <p>{@code reserved} holds the three reserved bytes after the id (big-endian, 24 bits). PS3.8
 * says they are sent as 00H, but dcmtk 3.6.7 sends {@code 00 FF 00}; keeping them makes a
 * captured request re-encode byte-exactly. Receivers must not interpret them.
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes, int reserved) {
    public PresentationContextRq {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            // PS3.8 9.3.2.2: odd integers between 1 and 255.
            throw new IllegalArgumentException("presentation context id must be odd and in 1..255: " + id);
        }
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " proposes no transfer syntax");
        }
    }

    public PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {
        this(id, abstractSyntax, transferSyntaxes, 0);
    }
}
