package org.qanode.audit;

import java.util.Locale;
import org.qanode.net.tls.TlsContexts;

/**
 * Where audit messages go ({@code audit.syslog}): host, port and transport. {@code tls} carries
 * the client side of {@code dicom.tls} (certificate, key, trusted certificates) for
 * {@link Protocol#TLS}; null otherwise.
 */
public record SyslogSettings(String host, int port, Protocol protocol, TlsContexts tls) {

    /** RFC 5426 (UDP), RFC 6587 octet counting (TCP), RFC 5425 (TLS). */
    public enum Protocol {
        UDP, TCP, TLS;

        public static Protocol of(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public SyslogSettings {
        if (protocol == Protocol.TLS && tls == null) {
            throw new IllegalArgumentException("audit.syslog.protocol tls needs the dicom.tls section (certificate, "
                    + "key and trusted certificates)");
        }
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }
}
