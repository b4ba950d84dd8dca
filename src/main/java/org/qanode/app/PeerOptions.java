package org.qanode.app;

import java.time.Duration;
import org.qanode.net.assoc.AssociationRequestor;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The association options every SCU command shares: who we are, whom we call, where. */
final class PeerOptions {
    @Option(names = "--aet", defaultValue = "QANODE", description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
    String callingAeTitle;

    @Option(names = "--aec", defaultValue = "ANY-SCP", description = "The peer's (called) AE title. Default: ${DEFAULT-VALUE}.")
    String calledAeTitle;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostPort.Converter.class)
    HostPort peer;

    /** Connect, association and ARTIM time-outs of {@code timeoutSeconds}; we accept PDUs up to {@code maxPdu}. */
    static AssociationRequestor.Config requestorConfig(int timeoutSeconds, long maxPdu) {
        Duration t = Duration.ofSeconds(timeoutSeconds);
        return new AssociationRequestor.Config(t, t, t, Duration.ofMinutes(5), maxPdu);
    }
}
