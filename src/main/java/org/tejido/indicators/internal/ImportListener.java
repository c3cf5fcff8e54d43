package org.tejido.indicators.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tejido.indicators.IndicatorsImported;

/**
 * Hears of every committed import, whichever process made it (the command line runs in a JVM of its
 * own; several servers may share one database), and publishes {@link IndicatorsImported} in this
 * one, so that pages showing figures are rendered again at once rather than after the page cache's
 * time-to-live.
 *
 * <p>Each import records itself in {@code indicator_import}; a trigger (migration V40) turns that
 * row into a {@code NOTIFY} on {@value #CHANNEL}, which PostgreSQL delivers only when the import
 * commits. This server keeps one connection of its own (not one of the pool's, which it would hold
 * forever) {@code LISTEN}ing, on a daemon thread that polls it briefly so that it stops promptly.
 * When the connection is lost (the database restarted) it connects again, backing off up to half a
 * minute, and if an import was committed meanwhile it publishes the event for it then.
 *
 * <p>Imports made by this process are heard twice (published by the store, then notified): the
 * event's listeners empty caches, which is harmless to repeat. Only a server listens: the command
 * line has no pages to refresh.
 */
@Component
@ConditionalOnWebApplication
class ImportListener implements SmartLifecycle {

  static final String CHANNEL = "tejido_indicators_imported";

  private static final Logger log = LoggerFactory.getLogger(ImportListener.class);
  private static final int POLL_MILLIS = 500;
  private static final long CHECK_EVERY_MILLIS = 30_000;
  private static final long FIRST_BACKOFF_MILLIS = 1_000;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final DataSource dataSource;
  private final ApplicationEventPublisher events;
  private final Object sleeping = new Object();

  private volatile boolean running;
  private volatile Thread thread;

  /** The latest import this server knows of, to catch up on after a lost connection. */
  private Latest latest;

  private record Latest(String kind, Instant at) {}

  ImportListener(DataSource dataSource, ApplicationEventPublisher events) {
    this.dataSource = dataSource;
    this.events = events;
  }

  @Override
  public void start() {
    running = true;
    Thread t = new Thread(this::listen, "indicators-import-listener");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    running = false;
    synchronized (sleeping) {
      sleeping.notifyAll();
    }
    Thread t = thread;
    if (t != null) {
      try {
        // The loop looks at the flag at least every POLL_MILLIS, then closes its connection.
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean reconnecting = false;
    while (running) {
      try (Connection c = open()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        // After LISTEN: an import committed from here on is notified, one before is read here.
        catchUp(c, reconnecting);
        if (reconnecting) {
          log.info("Listening again for committed imports");
        }
        backoff = FIRST_BACKOFF_MILLIS;
        reconnecting = true;
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.currentTimeMillis();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications != null && notifications.length > 0) {
            for (PGNotification n : notifications) {
              heard(n.getParameter());
            }
            quietSince = System.currentTimeMillis();
          } else if (System.currentTimeMillis() - quietSince > CHECK_EVERY_MILLIS) {
            // A server that went away without closing the socket shows only when asked.
            if (!c.isValid(5)) {
              throw new SQLException("the listening connection is no longer valid");
            }
            quietSince = System.currentTimeMillis();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn(
            "Not listening for committed imports ({}); connecting again in {} s",
            e.getMessage(),
            backoff / 1000);
        pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  /** A connection of its own, with the pool's settings, outside the pool. */
  private Connection open() throws SQLException {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    Properties settings = new Properties();
    if (pool.getDataSourceProperties() != null) {
      settings.putAll(pool.getDataSourceProperties());
    }
    if (pool.getUsername() != null) {
      settings.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      settings.setProperty("password", pool.getPassword());
    }
    settings.setProperty("ApplicationName", "tejido import listener");
    settings.setProperty("connectTimeout", "10");
    settings.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(pool.getJdbcUrl(), settings);
    c.setAutoCommit(true);
    return c;
  }

  private void catchUp(Connection c, boolean reconnecting) throws SQLException {
    Latest now = null;
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select kind, imported_at from indicator_import"
                    + " order by imported_at desc, id desc limit 1")) {
      if (r.next()) {
        now = new Latest(r.getString(1), r.getTimestamp(2).toInstant());
      }
    }
    Latest before;
    synchronized (this) {
      before = latest;
      if (now != null && (before == null || now.at().isAfter(before.at()))) {
        latest = now;
      }
    }
    if (reconnecting && now != null && (before == null || now.at().isAfter(before.at()))) {
      events.publishEvent(new IndicatorsImported(now.kind(), now.at()));
    }
  }

  /** {@code <kind> <instant>}, as the trigger writes it. */
  private void heard(String payload) {
    String[] parts = payload == null ? new String[0] : payload.split(" ", 2);
    String kind = parts.length > 0 && !parts[0].isBlank() ? parts[0] : "unknown";
    Instant at;
    try {
      at = parts.length > 1 ? Instant.parse(parts[1]) : Instant.now();
    } catch (DateTimeParseException e) {
      at = Instant.now();
    }
    synchronized (this) {
      if (latest == null || at.isAfter(latest.at())) {
        latest = new Latest(kind, at);
      }
    }
    events.publishEvent(new IndicatorsImported(kind, at));
  }

  private void pause(long millis) {
    synchronized (sleeping) {
      if (running) {
        try {
          sleeping.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }
}
