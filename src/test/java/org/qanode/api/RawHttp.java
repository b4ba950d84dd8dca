package org.qanode.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain {@link Socket}, for what java.net.http cannot do: pipelining several
 * requests in one write, sending headers byte by byte, holding a connection idle. Responses are
 * read with Content-Length framing (the only framing the node uses).
 */
final class RawHttp implements AutoCloseable {
    /** One response; {@code headers} with lower-case names. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    static String get(String path, String... extraHeaderLines) {
        StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : extraHeaderLines) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    void write(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The next response, or null when the server closed the connection before its first byte. */
    Response read() throws IOException {
        String status = line();
        if (status == null) {
            return null;
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed inside a body (" + body.length + " of " + length + " bytes)");
        }
        return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * True when the server closed the connection (end of stream, or reset) within
     * {@code timeoutMillis}; false when it is still open then. Bytes the server sends first
     * (an error response) are skipped.
     */
    boolean closedWithin(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buf = new byte[4096];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.US_ASCII);
            }
            b.write(c);
        }
        if (b.size() > 0) {
            throw new IOException("connection closed inside a line: " + b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
