package org.qanode.app;

import org.qanode.dicom.UIDs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.net.pdu.PresentationContextRq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qanode echo [-aet AET] [-aec AET] PEER}: C-ECHO (Verification, PS3.4 Annex A) to a peer
 * written {@code AET@host:port}, {@code host:port} or {@code host port}; exit 0 on Success. A
 * refused connection or a rejected association is one line saying so.
 */
@Command(name = "echo", mixinStandardHelpOptions = true, description = "Send a C-ECHO to a DICOM peer.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:Success", "1:no answer, a failure status, or rejected",
                "2:usage or configuration"})
public final class EchoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions target = new PeerOptions();

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Parameters(arity = "1..2", paramLabel = "PEER", description = "AET@host:port, host:port or host port.")
    List<String> peer = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for each answer. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        PeerOptions.Peer p;
        String calling;
        org.qanode.net.assoc.AssociationRequestor.Config config;
        try {
            p = target.peer(peer);
            if (p.arguments() != peer.size()) {
                throw new IllegalArgumentException("unexpected argument '" + peer.get(p.arguments()) + "'");
            }
            calling = target.callingAeTitle(configuration);
            config = target.tls(PeerOptions.requestorConfig(timeoutSeconds, 65536), configuration);
        } catch (ConfigException e) {
            ConfigOptions.print("echo", e, err);
            return 2;
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("echo: " + e.getMessage());
            err.flush();
            return 2;
        }
        List<PresentationContextRq> contexts = List.of(new PresentationContextRq(1, StoreScpConfig.VERIFICATION,
                List.of(UIDs.ExplicitVRLittleEndian, UIDs.ImplicitVRLittleEndian)));
        long start = System.nanoTime();
        try (DimseClient client = DimseClient.open(p.address().host(), p.address().port(), calling,
                p.address().aeTitle(), contexts, config)) {
            int status = client.echo(Duration.ofSeconds(timeoutSeconds));
            spec.commandLine().getOut().printf("C-ECHO %s: %s in %d ms%n", p.address(), DimseStatus.name(status),
                    (System.nanoTime() - start) / 1_000_000);
            spec.commandLine().getOut().flush();
            return DimseStatus.isSuccess(status) ? 0 : 1;
        } catch (AssociationRejectedException e) {
            err.println("echo: " + PeerOptions.rejected(p.address(), e));
        } catch (AssociationAbortedException e) {
            err.println("echo: " + PeerOptions.failed(p.address(), e));
        } catch (java.io.IOException e) {
            err.println("echo: " + p.address() + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }
}
