package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The warm-up's log window (issue 16): nothing reaches the configured appenders while it is
 * open, events are still formatted (with the configured pattern, into nothing), and every
 * appender is back, in its order, after.
 */
class QuietLoggingTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.qanode.quiet-logging-test");
    private final ListAppender<ILoggingEvent> first = new ListAppender<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> second = new OutputStreamAppender<>();
    private Level level;

    @BeforeEach
    void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        first.setName("first");
        first.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        second.setName("second");
        second.setContext(context);
        second.setEncoder(encoder);
        second.setOutputStream(written);
        second.start();
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false); // not into the test run's console as well
        logger.addAppender(first);
        logger.addAppender(second);
    }

    @AfterEach
    void detach() {
        logger.detachAndStopAllAppenders();
        logger.setLevel(level);
        logger.setAdditive(true);
    }

    private List<String> appenderNames() {
        List<String> names = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(a -> names.add(a.getName()));
        return names;
    }

    @Test
    void nothingReachesTheAppendersWhileOpenAndTheyAreBackAfter() {
        logger.info("before");
        try (QuietLogging quiet = QuietLogging.open()) {
            logger.info("during");
            List<Appender<ILoggingEvent>> during = new ArrayList<>();
            logger.iteratorForAppenders().forEachRemaining(during::add);
            assertThat(during).singleElement().satisfies(a -> {
                assertThat(a.getName()).isEqualTo("qanode-warm-up-discard");
                // formats as the first appender with a pattern would: the same converters get compiled
                assertThat(((PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) a).getEncoder()).getPattern())
                        .isEqualTo("%level %msg%n");
            });
        }
        logger.info("after");

        assertThat(first.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("before", "after");
        assertThat(written.toString()).isEqualTo("INFO before\nINFO after\n");
        assertThat(appenderNames()).containsExactly("first", "second");
        assertThat(second.isStarted()).isTrue();
    }
}
