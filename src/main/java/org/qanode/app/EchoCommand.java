package org.qanode.app;

import org.qanode.dicom.UIDs;
import java.io.IOException;
import java.time.Duration;
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
import picocli.CommandLine.Spec;

/** {@code qanode echo}: C-ECHO (Verification, PS3.4 Annex A) to a peer; exit 0 on Success. */
@Command(name = "echo", mixinStandardHelpOptions = true, description = "Send a C-ECHO to a DICOM peer.")
public final class EchoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions target = new PeerOptions();

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for each answer. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        List<PresentationContextRq> contexts = List.of(new PresentationContextRq(1, StoreScpConfig.VERIFICATION,
                List.of(UIDs.ExplicitVRLittleEndian, UIDs.ImplicitVRLittleEndian)));
        long start = System.nanoTime();
        try (DimseClient client = DimseClient.open(target.peer.host(), target.peer.port(), target.callingAeTitle,
                target.calledAeTitle, contexts,
                PeerOptions.requestorConfig(timeoutSeconds, 65536))) {
            int status = client.echo(Duration.ofSeconds(timeoutSeconds));
            spec.commandLine().getOut().printf("C-ECHO %s@%s: %s in %d ms%n", target.calledAeTitle, target.peer,
                    DimseStatus.name(status), (System.nanoTime() - start) / 1_000_000);
            return DimseStatus.isSuccess(status) ? 0 : 1;
        } catch (AssociationRejectedException e) {
            spec.commandLine().getErr().println("association rejected by " + target.peer + ": " + e.getMessage());
        } catch (AssociationAbortedException | IOException e) {
            spec.commandLine().getErr().println("echo to " + target.peer + " failed: " + e.getMessage());
        }
        return 1;
    }
}
