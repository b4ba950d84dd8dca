package org.qanode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throwaway Orthanc (Debian's /usr/sbin/Orthanc) with its own configuration: storage and index
 * under {@code dir}, free DICOM and HTTP ports on loopback only, no authentication, any called AE
 * title. Read back through its REST API.
 */
public final class Orthanc implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/sbin/Orthanc");

    private final Process process;
    private final int dicomPort;
    private final int httpPort;
    // HTTP/1.1: the default HTTP/2 upgrade attempt is not something Orthanc's server answers well.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private Orthanc(Process process, int dicomPort, int httpPort) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
    }

    /** Skips (fails on CI) without Orthanc. */
    public static Orthanc start(Path dir) throws IOException, InterruptedException {
        ExternalTools.require(EXECUTABLE, "Orthanc (Debian package orthanc)");
        int dicomPort = PeerProcesses.freePort();
        int httpPort = PeerProcesses.freePort();
        Map<String, Object> config = Map.ofEntries(
                Map.entry("Name", "qanode-test"),
                Map.entry("StorageDirectory", dir.resolve("storage").toString()),
                Map.entry("IndexDirectory", dir.resolve("index").toString()),
                Map.entry("DicomAet", "ORTHANC"),
                Map.entry("DicomPort", dicomPort),
                Map.entry("HttpPort", httpPort),
                Map.entry("RemoteAccessAllowed", false),
                Map.entry("AuthenticationEnabled", false),
                Map.entry("DicomCheckCalledAet", false),
                // Varian's private RT plan class and 2.25 classes in the corpus
                Map.entry("UnknownSopClassAccepted", true),
                Map.entry("StorageCompression", false),
                Map.entry("Plugins", List.of()));
        Path configFile = dir.resolve("orthanc.json");
        Files.writeString(configFile, new ObjectMapper().writeValueAsString(config));
        Process p = PeerProcesses.start(List.of(EXECUTABLE.toString(), configFile.toString()), dir.resolve("orthanc.log"));
        Orthanc o = new Orthanc(p, dicomPort, httpPort);
        try {
            o.awaitReady();
        } catch (IOException | RuntimeException e) {
            o.close();
            throw new IOException(e.getMessage() + "\n" + Files.readString(dir.resolve("orthanc.log")), e);
        }
        return o;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited with " + process.exitValue());
            }
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("Orthanc /system did not answer within 30 s");
    }

    public int dicomPort() {
        return dicomPort;
    }

    /** The Orthanc id of the instance with this SOP Instance UID, or null. */
    public String instanceId(String sopInstanceUid) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)).build(), HttpResponse.BodyHandlers.ofByteArray());
        for (JsonNode n : json.readTree(r.body())) {
            if ("Instance".equals(n.path("Type").asText())) {
                return n.path("ID").asText();
            }
        }
        return null;
    }

    /** {@code GET /instances/{id}/file}: the stored Part 10 file, written to {@code target}. */
    public Path download(String instanceId, Path target) throws IOException, InterruptedException {
        HttpResponse<Path> r = send(HttpRequest.newBuilder(uri("/instances/" + instanceId + "/file")).build(),
                HttpResponse.BodyHandlers.ofFile(target));
        if (r.statusCode() != 200) {
            throw new IOException("GET /instances/" + instanceId + "/file: HTTP " + r.statusCode());
        }
        return target;
    }

    /** Number of instances Orthanc holds ({@code GET /statistics}). */
    public int instanceCount() throws IOException, InterruptedException {
        return json.readTree(get("/statistics").body()).path("CountInstances").asInt();
    }

    /**
     * Orthanc may close a kept-alive connection just as the client reuses it ("header parser
     * received no bytes"): one retry on a fresh connection, for these idempotent test calls.
     */
    private <T> HttpResponse<T> send(HttpRequest rq, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try {
            return http.send(rq, body);
        } catch (IOException e) {
            Thread.sleep(100);
            return http.send(rq, body);
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            send(HttpRequest.newBuilder(uri("/tools/shutdown")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // not answering: stopped by signal below
        }
        PeerProcesses.stop(process);
    }
}
