package org.qanode.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StoreSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qanode send [-aet AET] [-aec AET] PEER FILE|DIR...}: C-STORE files (or every DICOM file
 * under a directory) to a peer ({@code AET@host:port}, {@code host:port} or {@code host port})
 * over one association; prints a summary line and exits non-zero when anything failed.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send DICOM files to a storage SCP (C-STORE); --tls: over TLS with dicom.tls of the configuration.")
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions target = new PeerOptions();

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each response. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--max-pdu", description = "Largest PDU we accept. Default: dicom.maxPduLength of the configuration.")
    Long maxPdu;

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Parameters(arity = "2..*", paramLabel = "PEER FILE|DIR",
            description = "The peer (AET@host:port, host:port or host port), then files or folders.")
    List<String> args = new ArrayList<>();

    private final List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PeerOptions.Peer peer;
        String calling;
        AssociationRequestor.Config config;
        try {
            peer = target.peer(args);
            calling = target.callingAeTitle(configuration);
            if (maxPdu == null) {
                maxPdu = (long) configuration.load().dicom().maxPduLength();
            }
            config = target.tls(PeerOptions.requestorConfig(timeoutSeconds, maxPdu), configuration);
        } catch (ConfigException e) {
            ConfigOptions.print("send", e, err);
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("send: " + e.getMessage());
            err.flush();
            return 2;
        }
        args.subList(peer.arguments(), args.size()).forEach(a -> inputs.add(Path.of(a)));
        if (inputs.isEmpty()) {
            err.println("send: no files to send after " + peer.address());
            err.flush();
            return 2;
        }
        List<StoreSender.Item> items = new ArrayList<>();
        int unreadable = 0;
        for (Path file : files()) {
            try {
                items.add(StoreSender.probe(file));
            } catch (IOException e) {
                err.println("not sent: " + file + ": " + e.getMessage());
                unreadable++;
            }
        }
        StoreSender sender = new StoreSender(calling, peer.address().aeTitle(), config, Duration.ofSeconds(timeoutSeconds));
        try {
            StoreSender.Summary s = sender.send(peer.address().host(), peer.address().port(), items);
            for (StoreSender.Outcome o : s.outcomes()) {
                if (o.failed()) {
                    err.println("failed: " + o.file() + ": " + (o.error() != null ? o.error() : DimseStatus.name(o.status())));
                }
            }
            out.printf("sent %d, failed %d, warnings %d, %.1f MB in %.2f s (%.1f MB/s)%n", s.sent(),
                    s.failed() + unreadable, s.warnings(), s.bytes() / 1e6, s.nanos() / 1e9, s.megabytesPerSecond());
            return s.failed() + unreadable == 0 ? 0 : 1;
        } catch (AssociationRejectedException e) {
            err.println("send: " + PeerOptions.rejected(peer.address(), e));
        } catch (AssociationAbortedException e) {
            err.println("send: " + PeerOptions.failed(peer.address(), e));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
        }
        out.printf("sent 0, failed %d, warnings 0%n", items.size() + unreadable);
        return 1;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    spec.commandLine().getErr().println("cannot list " + p + ": " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
