/**
 * DICOM TLS (PS3.15 Annex B Secure Transport Connection Profiles) and HTTPS: the profiles' TLS
 * versions and cipher suites, our certificate, key and trusted peers as reloadable Netty
 * contexts, and the handshake log. Used by {@code net.assoc} (SCP and SCU), {@code api} (HTTPS)
 * and {@code app} (configuration); depends on nothing of ours but {@code util}.
 */
package org.qanode.net.tls;
