package org.tejido.agenda.internal.booklet;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the PDF renderer's messages to the application's log instead of the console: its
 * informational chatter (one line per link and per font, thousands per booklet) at debug, its
 * warnings and errors as such. The renderer logs through one static hook, set once.
 */
final class QuietRendererLog implements XRLogger {

  private static final Logger log = LoggerFactory.getLogger("com.openhtmltopdf");

  @Override
  public void log(String where, Level level, String msg) {
    log(where, level, msg, null);
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      log.error("{}: {}", where, msg, th);
    } else if (level.intValue() >= Level.WARNING.intValue()) {
      log.warn("{}: {}", where, msg, th);
    } else {
      log.debug("{}: {}", where, msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {}

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    int level = diagnostic.getLevel().intValue();
    return level >= Level.WARNING.intValue() ? log.isWarnEnabled() : log.isDebugEnabled();
  }
}
