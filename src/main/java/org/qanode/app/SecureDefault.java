package org.qanode.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.qanode.api.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secure default of ARCHITECTURE.md ("Security on a clinical network"): the REST API and UI
 * are served on an address other hosts can reach only with HTTPS ({@code http.tls}) and with
 * authentication (an account, or {@code http.token}), unless {@code http.allowInsecure: true}.
 * Whatever is decided is said in one line: refused (the start-up error), served insecurely
 * (WARN) or how access is protected (INFO).
 */
final class SecureDefault {
    private static final Logger LOG = LoggerFactory.getLogger(SecureDefault.class);

    private SecureDefault() {
    }

    /** Throws the one-line refusal, or logs the one line saying how HTTP is served. */
    static void check(HttpSettings http, boolean accountsExist) throws IOException {
        String where = http.bind() + ":" + http.port();
        boolean authenticated = accountsExist || http.token() != null;
        String auth = accountsExist ? "accounts" + (http.token() != null ? " and http.token" : "")
                : http.token() != null ? "http.token only" : "no authentication";
        if (loopback(http.bind())) {
            LOG.info("HTTP on {} (loopback only): {}, {}", where, http.tls() != null ? "HTTPS" : "plain HTTP", auth);
            return;
        }
        List<String> missing = new ArrayList<>();
        if (http.tls() == null) {
            missing.add("HTTPS (http.tls)");
        }
        if (!authenticated) {
            missing.add("accounts (qanode user add) or http.token");
        }
        if (missing.isEmpty()) {
            LOG.info("HTTP on {} reachable from other hosts: HTTPS, {}", where, auth);
        } else if (http.allowInsecure()) {
            LOG.warn("HTTP on {} is INSECURE, served only because http.allowInsecure is true: no {}", where,
                    String.join(", no ", missing));
        } else {
            throw new IOException("refusing to serve HTTP on " + where + " (http.bind is not loopback) without "
                    + String.join(" and ", missing) + "; set http.allowInsecure: true to serve it anyway");
        }
    }

    /** A loopback address or name; a name that does not resolve is not taken for one. */
    static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
