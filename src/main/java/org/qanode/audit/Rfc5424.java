package org.qanode.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A syslog message (RFC 5424 6) carrying one audit message, as IHE ATNA (ITI-20) and PS3.15
 * A.5 have it: facility 10 (security/authorization), severity notice (warning for a failure),
 * APP-NAME {@code qanode}, PROCID the process, MSGID {@code IHE+RFC-3881}, no structured data,
 * MSG the XML as UTF-8 after a byte order mark (RFC 5424 6.4).
 */
final class Rfc5424 {
    static final int FACILITY_AUTHPRIV = 10;
    static final String MSGID = "IHE+RFC-3881";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Rfc5424() {
    }

    static byte[] message(AuditSource source, AuditEvent event, String xml) {
        int pri = FACILITY_AUTHPRIV * 8 + event.outcome().syslogSeverity();
        String header = "<" + pri + ">1 " + event.at().truncatedTo(ChronoUnit.MILLIS) + " "
                + field(source.hostName(), 255) + " qanode " + field(source.processId(), 128) + " " + MSGID + " - ";
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + xml.length() + 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOM);
        out.writeBytes(xml.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** RFC 6587 3.4.1 and RFC 5425 4.3: MSG-LEN SP SYSLOG-MSG. */
    static byte[] octetCounted(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }

    /** Header fields are printable US-ASCII without spaces (RFC 5424 6); "-" when empty. */
    private static String field(String s, int max) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c > 32 && c < 127 && b.length() < max) {
                b.append(c);
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    static Instant now() {
        return Instant.now();
    }
}
