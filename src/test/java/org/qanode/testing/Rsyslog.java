package org.qanode.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real rsyslogd from Debian (packages rsyslog, rsyslog-gnutls), started in the foreground with a
 * configuration of its own in a temporary directory: an RFC 5426 UDP input, a plain TCP input and a
 * TLS input (gtls driver, RFC 5425, client certificates checked against {@code ca}), each writing
 * what it receives, one message per line in RFC 5424 form, to a file of its own.
 */
public final class Rsyslog implements AutoCloseable {
    public final int udpPort;
    public final int tcpPort;
    public final int tlsPort;
    private final Path dir;
    private final Process process;

    private Rsyslog(Path dir, int udp, int tcp, int tls, Process process) {
        this.dir = dir;
        this.udpPort = udp;
        this.tcpPort = tcp;
        this.tlsPort = tls;
        this.process = process;
    }

    /**
     * Starts rsyslogd; skips (fails on CI) without it. {@code tcpPort}: 0 for a free one (a test
     * that starts the receiver late passes the port its client already uses).
     */
    public static Rsyslog start(Path dir, Path ca, Path certificate, Path key, int tcpPort)
            throws IOException, InterruptedException {
        Path rsyslogd = ExternalTools.require(Path.of("/usr/sbin/rsyslogd"), "rsyslogd (Debian package rsyslog)");
        ExternalTools.require(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"),
                "rsyslog's TLS driver (Debian package rsyslog-gnutls)");
        Files.createDirectories(dir);
        int udp = PeerProcesses.freePort();
        int tcp = tcpPort == 0 ? PeerProcesses.freePort() : tcpPort;
        int tls = PeerProcesses.freePort();
        // maxMessageSize first: it must precede the inputs; a transfer record is larger than 8 KiB
        String conf = """
                global(maxMessageSize="64k" workDirectory="%1$s"
                       defaultNetstreamDriverCAFile="%2$s" defaultNetstreamDriverCertFile="%3$s"
                       defaultNetstreamDriverKeyFile="%4$s")
                module(load="imudp")
                module(load="imtcp" maxSessions="20")
                template(name="line" type="string" string="%%rawmsg-after-pri%%\\n")
                ruleset(name="udp") { action(type="omfile" file="%1$s/udp.log" template="line") }
                ruleset(name="tcp") { action(type="omfile" file="%1$s/tcp.log" template="line") }
                ruleset(name="tls") { action(type="omfile" file="%1$s/tls.log" template="line") }
                input(type="imudp" address="127.0.0.1" port="%5$d" ruleset="udp")
                input(type="imtcp" address="127.0.0.1" port="%6$d" ruleset="tcp")
                input(type="imtcp" address="127.0.0.1" port="%7$d" ruleset="tls" streamDriver.name="gtls"
                      streamDriver.mode="1" streamDriver.authMode="x509/certvalid")
                """.formatted(dir, ca, certificate, key, udp, tcp, tls);
        Path file = Files.writeString(dir.resolve("rsyslog.conf"), conf);
        Process p = PeerProcesses.start(List.of(rsyslogd.toString(), "-n", "-f", file.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString()), dir.resolve("rsyslogd.out"));
        Rsyslog r = new Rsyslog(dir, udp, tcp, tls, p);
        try {
            PeerProcesses.awaitListening(p, tcp, 20_000);
            PeerProcesses.awaitListening(p, tls, 20_000);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw new IOException(e.getMessage() + "; rsyslogd said: " + r.output(), e);
        }
        return r;
    }

    /** What rsyslogd printed (errors in its configuration, TLS failures). */
    public String output() throws IOException {
        Path out = dir.resolve("rsyslogd.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /** The messages received on one input ("udp", "tcp" or "tls"), one per line, as received after PRI. */
    public List<String> received(String input) throws IOException {
        Path f = dir.resolve(input + ".log");
        if (!Files.exists(f)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Waits until {@code input} has a message matching {@code wanted}; returns them all. */
    public List<String> await(String input, Predicate<List<String>> wanted, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> got = received(input);
        while (!wanted.test(got) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            got = received(input);
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        try {
            PeerProcesses.stop(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
