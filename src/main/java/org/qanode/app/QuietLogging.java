package org.qanode.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Holds back every log event while open: for the ingest warm-up at start, whose synthetic
 * associations and objects would otherwise fill the node's log with lines about objects that
 * were never received (one per association and per object at INFO). Only for a window in which
 * nothing else of the node runs yet; what the warm-up found is logged by the caller once the
 * window is closed. Without Logback behind SLF4J (an embedding application's own binding) this
 * holds back nothing.
 */
final class QuietLogging implements AutoCloseable {
    private final LoggerContext context;
    private final TurboFilter filter;

    private QuietLogging(LoggerContext context, TurboFilter filter) {
        this.context = context;
        this.filter = filter;
    }

    static QuietLogging open() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new QuietLogging(null, null);
        }
        TurboFilter deny = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                    Throwable t) {
                return FilterReply.DENY;
            }
        };
        deny.setName("qanode-warm-up");
        deny.start();
        context.addTurboFilter(deny);
        return new QuietLogging(context, deny);
    }

    @Override
    public void close() {
        if (context != null) {
            context.getTurboFilterList().remove(filter);
            filter.stop();
        }
    }
}
