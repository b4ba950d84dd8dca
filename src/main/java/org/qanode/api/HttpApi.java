package org.qanode.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.qanode.account.Accounts;
import org.qanode.account.Authenticator;
import org.qanode.account.LoginThrottle;
import org.qanode.account.SecurityEvents;
import org.qanode.net.tls.TlsContexts;
import org.qanode.node.Node;

/**
 * The REST API of a node: its resources over the node's services, and the HTTP server. A thin
 * adapter: requests are parsed and checked here, the work is done by {@link Node}'s services,
 * and their refusals become status codes in one place ({@link ApiException#from}).
 */
public final class HttpApi implements AutoCloseable {
    private final Router router;
    private final ApiServer server;
    private final String baseUrl;

    private HttpApi(Router router, ApiServer server, String baseUrl) {
        this.router = router;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /**
     * More routes on the same server, e.g. the web UI's pages ({@code org.qanode.ui}), which sit
     * above this package: given the node and the sessions that authenticate its requests.
     */
    @FunctionalInterface
    public interface Extension {
        List<Route> routes(Node node, WebSessions sessions);
    }

    /** Binds the HTTP port and tells the node its base URL (for links in events); plain HTTP. */
    public static HttpApi start(Node node, HttpSettings http) throws InterruptedException {
        return start(node, http, null, List.of());
    }

    /**
     * Binds the HTTP port, with {@code tls} (loaded from {@link HttpSettings#tls} by the caller)
     * HTTPS, serving the REST API and, after its routes, those of {@code extensions}; tells the
     * node its base URL.
     */
    public static HttpApi start(Node node, HttpSettings http, TlsContexts tls, List<Extension> extensions)
            throws InterruptedException {
        return start(node, http, tls, extensions, SecurityEvents.NONE, Clock.systemUTC());
    }

    /**
     * The same, telling {@code events} (the audit trail) about logins and account changes; accounts
     * are those of the node's index; {@code clock} times sessions and the login throttle.
     */
    public static HttpApi start(Node node, HttpSettings http, TlsContexts tls, List<Extension> extensions,
            SecurityEvents events, Clock clock) throws InterruptedException {
        Accounts accounts = new Accounts(node.store().index(), events);
        LoginThrottle throttle = new LoginThrottle(http.loginMaxFailures(),
                Duration.ofSeconds(http.loginWindowSeconds()), clock);
        WebSessions sessions = new WebSessions(new Authenticator(http.token(), accounts, throttle), tls != null, clock);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new NodeResources(node.readiness(), node.metrics(), node.outbox(), node.selftest()).routes());
        routes.addAll(new StatesResource(node.store(), node.receivingState(), node::stateDeleted).routes());
        routes.addAll(new ReceivingStateResource(node.store(), node.receivingState()).routes());
        routes.addAll(new InstanceFileResource(node.store()).routes());
        routes.addAll(new ComparisonsResource(node.comparisons(), node.reviews()).routes());
        routes.addAll(new ReviewResource(node.reviews(), sessions).routes());
        routes.addAll(new ExportsResource(node.exports()).routes());
        routes.addAll(new SweepsResource(node.sweeps()).routes());
        routes.addAll(new AccountsResource(accounts, sessions).routes());
        routes.addAll(new AuditResource(node.audit(), sessions).routes());
        for (Extension e : extensions) {
            routes.addAll(e.routes(node, sessions));
        }
        Router router = new Router(routes, sessions, node.metrics(), new AuditedRequests(node.audit(), sessions));
        ApiServer server = ApiServer.start(http, router, tls);
        String base = http.publicUrl();
        if (base == null) {
            String host = http.bind().equals("0.0.0.0") || http.bind().equals("::") ? "127.0.0.1" : http.bind();
            base = (tls != null ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        }
        node.baseUrl(base);
        return new HttpApi(router, server, base);
    }

    public Router router() {
        return router;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Stops the HTTP server; running requests finish. */
    @Override
    public void close() {
        server.close();
    }
}
