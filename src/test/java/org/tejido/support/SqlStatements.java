package org.tejido.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The SQL statements a piece of code runs through Spring's {@code JdbcTemplate} (and so {@code
 * JdbcClient}) on the calling thread, read from the template's own debug log: how a test pins the
 * number of queries a page costs. Statements run on raw connections (imports, {@code COPY}) are not
 * seen.
 */
public final class SqlStatements {

  private static final Pattern EXECUTED =
      Pattern.compile("^Executing (prepared SQL statement|SQL query|SQL update|SQL statement) \\[");

  /** What ran, in order, and the value the code returned. */
  public record Recorded<T>(T value, List<String> statements) {

    /** How many of the statements contain this text (case-insensitive). */
    public long containing(String text) {
      String t = text.toLowerCase(java.util.Locale.ROOT);
      return statements.stream()
          .filter(s -> s.toLowerCase(java.util.Locale.ROOT).contains(t))
          .count();
    }
  }

  private SqlStatements() {}

  /** The statements the code runs on the calling thread. */
  public static <T> Recorded<T> during(Callable<T> code) throws Exception {
    return record(code, Thread.currentThread());
  }

  /** The statements run on any thread while the code runs (requests it sends from threads). */
  public static <T> Recorded<T> duringOnAnyThread(Callable<T> code) throws Exception {
    return record(code, null);
  }

  private static <T> Recorded<T> record(Callable<T> code, Thread thread) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("org.springframework.jdbc.core.JdbcTemplate");
    List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if ((thread == null || event.getThreadName().equals(thread.getName()))
                && EXECUTED.matcher(event.getFormattedMessage()).find()) {
              statements.add(event.getFormattedMessage());
            }
          }
        };
    Level level = logger.getLevel();
    boolean additive = logger.isAdditive();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    // Only this appender hears the debug lines: the test's output stays as it was.
    logger.setAdditive(false);
    try {
      T value = code.call();
      return new Recorded<>(value, List.copyOf(statements));
    } finally {
      logger.setAdditive(additive);
      logger.setLevel(level);
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
