package org.qanode.net.dimse;

/**
 * The peer broke the DIMSE message rules of PS3.7 section 9 / PS3.8 Annex E (a data fragment
 * before its command, fragments of two messages interleaved, an undecodable command).
 * The association cannot continue and is aborted.
 */
public class DimseProtocolException extends Exception {
    public DimseProtocolException(String message) {
        super(message);
    }

    public DimseProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
