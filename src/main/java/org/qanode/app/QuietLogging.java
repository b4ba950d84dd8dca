package org.qanode.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log event out of the log while open: for the ingest warm-up at start, whose
 * synthetic associations and objects would otherwise fill the node's log with lines about
 * objects that were never received (one per association and per object at INFO). Each logger's
 * appenders are taken off for the window and replaced by one that formats events as the first
 * of them would (its pattern) and writes them nowhere, so that the formatting code is compiled
 * during the warm-up like the rest of the ingest path; at close the appenders are put back, in
 * their order. Only for a window in which nothing else of the node runs yet (the events of other
 * threads would be lost too); what the warm-up found is logged by the caller after. Without
 * Logback behind SLF4J (an embedding application's own binding) this changes nothing.
 */
final class QuietLogging implements AutoCloseable {
    /** Logback's default layout, for loggers whose appenders have no pattern of their own. */
    private static final String DEFAULT_PATTERN = "%d %-5level [%thread] %logger{36} - %msg%n";

    /** A logger's own appenders, taken off for the window, and the one that stands in for them. */
    private record Swap(List<Appender<ILoggingEvent>> held, Appender<ILoggingEvent> discarding) {
    }

    private final Map<Logger, Swap> swapped;

    private QuietLogging(Map<Logger, Swap> swapped) {
        this.swapped = swapped;
    }

    static QuietLogging open() {
        Map<Logger, Swap> swapped = new LinkedHashMap<>();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (Logger logger : context.getLoggerList()) {
                List<Appender<ILoggingEvent>> attached = new ArrayList<>();
                logger.iteratorForAppenders().forEachRemaining(attached::add);
                if (attached.isEmpty()) {
                    continue;
                }
                Appender<ILoggingEvent> sink = discardingLike(context, attached);
                logger.addAppender(sink);
                attached.forEach(logger::detachAppender);
                swapped.put(logger, new Swap(attached, sink));
            }
        }
        return new QuietLogging(swapped);
    }

    private static Appender<ILoggingEvent> discardingLike(LoggerContext context, List<Appender<ILoggingEvent>> appenders) {
        String pattern = DEFAULT_PATTERN;
        for (Appender<ILoggingEvent> a : appenders) {
            if (a instanceof OutputStreamAppender<ILoggingEvent> o && o.getEncoder() instanceof PatternLayoutEncoder p
                    && p.getPattern() != null) {
                pattern = p.getPattern();
                break;
            }
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
        sink.setName("qanode-warm-up-discard");
        sink.setContext(context);
        sink.setEncoder(encoder);
        sink.setOutputStream(OutputStream.nullOutputStream());
        sink.start();
        return sink;
    }

    @Override
    public void close() {
        swapped.forEach((logger, swap) -> {
            swap.held().forEach(logger::addAppender);
            logger.detachAppender(swap.discarding());
            swap.discarding().stop();
        });
    }
}
