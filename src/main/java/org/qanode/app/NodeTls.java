package org.qanode.app;

import java.io.IOException;
import org.qanode.api.HttpSettings;
import org.qanode.net.assoc.DicomServer;
import org.qanode.net.tls.TlsContexts;

/**
 * Loads the configured certificates ({@code dicom.tls}, {@code http.tls}) into reloadable TLS
 * contexts: watched for changes on disk and reloaded on SIGHUP when {@code serving}, so that a
 * renewed certificate needs no restart. An unusable file stops start-up with one line naming the key.
 */
final class NodeTls {
    private NodeTls() {
    }

    /** The DICOM contexts (SCP and SCU side), or null without a dicom.tls section. */
    static TlsContexts dicom(DicomSettings d, boolean serving) throws IOException {
        return d.tls() == null ? null : load("dicom.tls", d.tls().settings(), true, serving);
    }

    /** The HTTPS context, or null for plain HTTP. */
    static TlsContexts http(HttpSettings h, boolean serving) throws IOException {
        return h.tls() == null ? null : load("http.tls", h.tls(), false, serving);
    }

    /** The SCP's TLS port, or null. */
    static DicomServer.TlsPort port(DicomSettings d, TlsContexts contexts) {
        return contexts == null ? null : new DicomServer.TlsPort(d.tls().port(), contexts, d.tls().only());
    }

    private static TlsContexts load(String key, org.qanode.net.tls.TlsSettings settings, boolean client, boolean serving)
            throws IOException {
        TlsContexts c;
        try {
            c = TlsContexts.load(key, settings, client);
        } catch (IOException e) {
            throw new IOException(key + ": " + e.getMessage(), e);
        }
        if (serving) {
            c.watch(TlsContexts.DEFAULT_WATCH_PERIOD);
            c.reloadOnSighup();
        }
        return c;
    }
}
