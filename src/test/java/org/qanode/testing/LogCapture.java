package org.qanode.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The events one logger (and those below it) emits during each test, at a level of the test's
 * choosing: the test configuration logs WARN and up, and a test about an INFO line needs it.
 * The logger's level is put back after each test.
 * {@code @RegisterExtension final LogCapture log = LogCapture.of(SecureDefault.class, Level.INFO);}
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final String loggerName;
    private final Level level;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    private LogCapture(String loggerName, Level level) {
        this.loggerName = loggerName;
        this.level = level;
    }

    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    public static LogCapture of(Class<?> type, Level level) {
        return of(type.getName(), level);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger logger = logger();
        appender.list.clear();
        appender.start();
        before = logger.getLevel();
        logger.setLevel(level);
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger logger = logger();
        logger.detachAppender(appender);
        logger.setLevel(before);
        appender.stop();
    }

    /** Everything captured so far in this test (a live list: {@code clear()} starts over). */
    public List<ILoggingEvent> events() {
        return appender.list;
    }

    private Logger logger() {
        return (Logger) LoggerFactory.getLogger(loggerName);
    }
}
