package org.qanode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Orthanc started for a test as a ROIS stand-in: its own configuration, storage and
 * ports under a temporary folder, the given DICOM modalities (AE title, host, port) as move
 * destinations, loaded and inspected over its REST API. Started with TCP_NODELAY=1 (see
 * ARCHITECTURE.md, DICOM behaviour).
 */
public final class OrthancPeer implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/sbin/Orthanc");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final String aeTitle;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private OrthancPeer(Process process, int httpPort, int dicomPort, String aeTitle, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.aeTitle = aeTitle;
        this.log = log;
    }

    /** Skips (or fails on CI) without Orthanc. {@code modalities}: name to [AE, host, port]. */
    public static OrthancPeer start(Path dir, String aeTitle, Map<String, Object[]> modalities) throws IOException {
        return start(dir, aeTitle, modalities, false);
    }

    /**
     * {@code acceptUnknownSopClasses}: Orthanc's UnknownSopClassAccepted, for a storage peer that
     * must take private and 2.25 classes. Off for the ROIS stand-in, whose failing sub-operation
     * tests rely on Orthanc refusing to send a class it does not know.
     */
    public static OrthancPeer start(Path dir, String aeTitle, Map<String, Object[]> modalities,
            boolean acceptUnknownSopClasses) throws IOException {
        return start(dir, aeTitle, modalities, acceptUnknownSopClasses, Map.of());
    }

    /**
     * {@code extra}: further configuration keys set last (JSON nodes or plain values), e.g.
     * Orthanc's DicomTls* options or DicomModalities in their object form.
     */
    public static OrthancPeer start(Path dir, String aeTitle, Map<String, Object[]> modalities,
            boolean acceptUnknownSopClasses, Map<String, Object> extra) throws IOException {
        if (!Files.isExecutable(EXECUTABLE)) {
            ExternalTools.require(ExternalTools.onPath("Orthanc"), "Orthanc (Debian package orthanc)");
        }
        Path exe = Files.isExecutable(EXECUTABLE) ? EXECUTABLE : ExternalTools.onPath("Orthanc");
        int http = FreePorts.next();
        int dicom = FreePorts.next();
        ObjectNode c = JSON.createObjectNode();
        c.put("Name", "qanode-test-rois");
        c.put("StorageDirectory", dir.resolve("storage").toString());
        c.put("IndexDirectory", dir.resolve("index").toString());
        c.put("HttpPort", http);
        c.put("DicomPort", dicom);
        c.put("DicomAet", aeTitle);
        c.put("RemoteAccessAllowed", false);
        c.put("AuthenticationEnabled", false);
        c.put("DicomCheckModalityHost", false);
        c.put("DicomAlwaysAllowEcho", true);
        c.put("DicomAlwaysAllowStore", true);
        c.put("DicomAlwaysAllowFind", true);
        c.put("DicomAlwaysAllowMove", true);
        c.put("DicomAlwaysAllowGet", true);
        c.put("OverwriteInstances", true);
        c.put("StorageCompression", false);
        c.put("UnknownSopClassAccepted", acceptUnknownSopClasses);
        c.put("DicomScuTimeout", 30);
        c.put("HttpsVerifyPeers", false);
        c.putArray("Plugins");
        ObjectNode mods = c.putObject("DicomModalities");
        modalities.forEach((name, v) -> {
            ArrayNode a = mods.putArray(name);
            a.add((String) v[0]).add((String) v[1]).add((Integer) v[2]);
        });
        extra.forEach((k, v) -> c.set(k, JSON.valueToTree(v)));
        Files.createDirectories(dir);
        Path config = dir.resolve("orthanc.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), c);
        Path log = dir.resolve("orthanc.log");
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), config.toString());
        pb.environment().put("TCP_NODELAY", "1");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        OrthancPeer peer = new OrthancPeer(pb.start(), http, dicom, aeTitle, log);
        peer.awaitUp();
        return peer;
    }

    private void awaitUp() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited: " + Files.readString(log));
            }
            try {
                if (get("/system").has("Version")) {
                    return;
                }
            } catch (IOException e) {
                sleep(100);
            }
        }
        close();
        throw new IOException("Orthanc did not answer on port " + httpPort);
    }

    public int dicomPort() {
        return dicomPort;
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** Uploads one Part 10 file (POST /instances). */
    public void upload(Path file) throws IOException {
        HttpRequest rq = HttpRequest.newBuilder(uri("/instances"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).header("Content-Type", "application/dicom").build();
        HttpResponse<String> r = send(rq);
        if (r.statusCode() != 200) {
            throw new IOException("upload of " + file + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** Every SOP Instance UID Orthanc holds, from GET /instances?expand. */
    public TreeSet<String> sopInstanceUids() throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode i : get("/instances?expand")) {
            out.add(i.path("MainDicomTags").path("SOPInstanceUID").asText());
        }
        return out;
    }

    /** The Orthanc id of the instance with this SOP Instance UID ({@code POST /tools/lookup}), or null. */
    public String instanceId(String sopInstanceUid) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)).build());
        for (JsonNode n : JSON.readTree(r.body())) {
            if ("Instance".equals(n.path("Type").asText())) {
                return n.path("ID").asText();
            }
        }
        return null;
    }

    /** {@code GET /instances/{id}/file}: the stored Part 10 file, written to {@code target}. */
    public Path download(String instanceId, Path target) throws IOException {
        HttpResponse<Path> r = send(HttpRequest.newBuilder(uri("/instances/" + instanceId + "/file")).build(),
                HttpResponse.BodyHandlers.ofFile(target));
        if (r.statusCode() != 200) {
            throw new IOException("GET /instances/" + instanceId + "/file: HTTP " + r.statusCode());
        }
        return target;
    }

    /** Number of instances Orthanc holds ({@code GET /statistics}). */
    public int instanceCount() throws IOException {
        return get("/statistics").path("CountInstances").asInt();
    }

    /** POSTs {@code body} (JSON) and returns the status code. */
    public int post(String path, String body) throws IOException {
        HttpRequest rq = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return send(rq).statusCode();
    }

    public JsonNode get(String path) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest rq) throws IOException {
        return send(rq, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Orthanc may close a kept-alive connection just as the client reuses it ("header parser
     * received no bytes"): one retry on a fresh connection. Every call here is idempotent.
     */
    private <T> HttpResponse<T> send(HttpRequest rq, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            try {
                return http.send(rq, body);
            } catch (IOException e) {
                Thread.sleep(100);
                return http.send(rq, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
