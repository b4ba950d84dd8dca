package org.qanode.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qanode storescp}: a plain Verification and Storage SCP writing each object as a
 * Part 10 file into one folder; runs until interrupted (SIGTERM finishes objects in flight).
 */
@Command(name = "storescp", mixinStandardHelpOptions = true,
        description = "Receive DICOM objects (C-STORE) into a folder, answering Success only once each is on disk.")
public final class StoreScpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreScpCommand.class);

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Option(names = {"-aet", "--aet"}, description = "Our AE title. Default: dicom.aeTitle of the configuration.")
    String aeTitle;

    @Option(names = "--port", description = "TCP port. Default: dicom.port of the configuration.")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on. Default: dicom.bind of the configuration.")
    String bind;

    @Option(names = "--dir", defaultValue = "./var/incoming", description = "Where files go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--allow", split = ",", description = "Calling AE titles allowed (default: any).")
    List<String> allowed = List.of();

    @Option(names = "--max-associations", description = "Default: dicom.maxAssociations of the configuration.")
    Integer maxAssociations;

    @Option(names = "--max-pdu", description = "Largest P-DATA PDU we accept. Default: dicom.maxPduLength of the configuration.")
    Long maxPdu;

    @Option(names = "--accept-sop-class", split = ",", description = "Extra (e.g. private) SOP classes to accept.")
    Set<String> extraSopClasses = Set.of();

    @Override
    public Integer call() throws Exception {
        // options override the node's configuration (one table of defaults, Setting.ALL)
        QanodeConfig cfg;
        try {
            cfg = configuration.load(Map.of());
        } catch (ConfigException e) {
            System.err.println("qanode storescp: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        aeTitle = aeTitle != null ? aeTitle : cfg.dicom().aeTitle();
        bind = bind != null ? bind : cfg.dicom().bind();
        port = port != null ? port : cfg.dicom().port();
        maxAssociations = maxAssociations != null ? maxAssociations : cfg.dicom().maxAssociations();
        maxPdu = maxPdu != null ? maxPdu : cfg.dicom().maxPduLength();
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
