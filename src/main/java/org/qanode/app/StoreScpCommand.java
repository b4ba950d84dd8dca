package org.qanode.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.ingest.DirectorySink;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanode storescp}: a plain Verification and Storage SCP writing each object as a
 * Part 10 file into one folder; runs until interrupted (SIGTERM finishes objects in flight).
 */
@Command(name = "storescp", mixinStandardHelpOptions = true,
        description = "Receive DICOM objects (C-STORE) into a folder, answering Success only once each is on disk.")
public final class StoreScpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreScpCommand.class);

    @Option(names = "--aet", defaultValue = "QANODE", description = "Our AE title. Default: ${DEFAULT-VALUE}.")
    String aeTitle;

    @Option(names = "--port", defaultValue = "11112", description = "TCP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--dir", defaultValue = "./var/incoming", description = "Where files go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--allow", split = ",", description = "Calling AE titles allowed (default: any).")
    List<String> allowed = List.of();

    @Option(names = "--max-associations", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int maxAssociations;

    @Option(names = "--max-pdu", defaultValue = "65536", description = "Largest P-DATA PDU we accept. Default: ${DEFAULT-VALUE}.")
    long maxPdu;

    @Option(names = "--accept-sop-class", split = ",", description = "Extra (e.g. private) SOP classes to accept.")
    Set<String> extraSopClasses = Set.of();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        StoreScpConfig config = new StoreScpConfig(bind, port, Set.of(aeTitle),
                allowed.stream().map(CallingAe::any).toList(), maxAssociations, maxPdu, extraSopClasses,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
        StoreScp scp = StoreScp.start(config, new DirectorySink(dir, aeTitle));
        LOG.info("{} listening on {}:{}, storing into {}", aeTitle, bind, scp.port(), dir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("{} stopping: finishing objects in flight", aeTitle);
            scp.shutdown(Duration.ofSeconds(30));
            stopped.countDown();
        }, "storescp-shutdown"));
        stopped.await();
        return 0;
    }
}
