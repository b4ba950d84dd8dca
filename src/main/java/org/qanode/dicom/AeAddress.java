package org.qanode.dicom;

import java.util.Objects;

/**
 * A DICOM application entity on the network, written {@code AET@host:port} as in logs, on the
 * command line and in the configuration; an IPv6 literal host is bracketed,
 * {@code AET@[::1]:11112}. The one place that parses and prints that form.
 *
 * <p>The AE title follows PS3.5 Table 6.2-1 (VR AE): at most 16 characters of the default
 * repertoire, no backslash and no control characters, leading and trailing spaces not
 * significant (stripped here), not all spaces.
 */
public record AeAddress(String aeTitle, String host, int port) {
    /** PS3.5 Table 6.2-1: an AE value is at most 16 characters. */
    public static final int MAX_AE_TITLE_LENGTH = 16;

    public AeAddress {
        aeTitle = requireAeTitle(aeTitle);
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /**
     * Parses {@code AET@host:port}, {@code AET@[v6]:port}, or without the AE title
     * {@code host:port} / {@code [v6]:port}, which take {@code defaultAeTitle}.
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. an AE title of 17 characters
     */
    public static AeAddress parse(String text, String defaultAeTitle) {
        Objects.requireNonNull(text, "text");
        String aet = defaultAeTitle;
        String rest = text.strip();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            aet = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        if (aet == null) {
            throw new IllegalArgumentException("expected AET@host:port, got '" + text + "'");
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:port, got '" + text + "'");
            }
            host = rest.substring(1, close);
            port = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon != rest.indexOf(':')) {
                throw new IllegalArgumentException("expected " + (at >= 0 ? "AET@" : "") + "host:port"
                        + (colon > 0 ? " (an IPv6 address in brackets, [::1]:port)" : "") + ", got '" + text + "'");
            }
            host = rest.substring(0, colon);
            port = rest.substring(colon + 1);
        }
        return new AeAddress(aet, host, port(port, text));
    }

    /** An AE title and a host and port given apart, as in dcmtk's {@code -aec AET host port}. */
    public static AeAddress of(String aeTitle, String host, String port) {
        return new AeAddress(aeTitle, host, port(port, host + " " + port));
    }

    private static int port(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port number in '" + text + "'");
        }
        return Integer.parseInt(digits);
    }

    /**
     * The AE title without its non-significant leading and trailing spaces.
     *
     * @throws IllegalArgumentException when it is empty, all spaces, longer than 16 characters or
     *                                  holds a backslash or a control character (PS3.5 Table 6.2-1)
     */
    public static String requireAeTitle(String aeTitle) {
        String problem = aeTitleProblem(aeTitle);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return aeTitle.strip();
    }

    /** Why {@code aeTitle} is not a valid AE value (PS3.5 Table 6.2-1), or null when it is. */
    public static String aeTitleProblem(String aeTitle) {
        if (aeTitle == null || aeTitle.isBlank()) {
            return "empty AE title";
        }
        String t = aeTitle.strip();
        if (t.length() > MAX_AE_TITLE_LENGTH) {
            return "AE title '" + t + "' is longer than 16 characters";
        }
        if (t.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '\\')) {
            return "AE title '" + t + "' holds a backslash or a control character";
        }
        return null;
    }

    /** {@code host:port}, an IPv6 literal in brackets: what a socket is opened to. */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code AET@host:port}: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return aeTitle + "@" + hostAndPort();
    }

    /**
     * {@code AET@host:port} for a log line about a live association, where the AE title may be
     * unknown (null or invalid: printed as it is, "?" when null) and the port 0.
     */
    public static String format(String aeTitle, String host, int port) {
        String aet = aeTitle == null ? "?" : aeTitle.strip();
        String h = host == null ? "?" : host;
        return aet + "@" + (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }
}
