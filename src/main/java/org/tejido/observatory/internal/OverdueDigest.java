package org.tejido.observatory.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.audit.AuditLog;
import org.tejido.observatory.Commitment;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.internal.ObservatoryStore.Subscriber;
import org.tejido.sites.Site;
import org.tejido.sites.SiteId;
import org.tejido.sites.Sites;

/**
 * The daily digest of overdue commitments: a recurring db-scheduler task (in its own table, V23)
 * sends each observatory member of a site with overdue commitments one e-mail in her language. Each
 * digest is claimed in {@code observatory_digest_sent} and committed before it is sent, so a
 * restart, a second node or a second run the same day sends no second one (a crash in between loses
 * at most that day's digest; the next day's lists the same commitments).
 */
@Component
public class OverdueDigest implements SmartLifecycle {

  static final String TASK = "observatory-overdue-digest";
  private static final Logger log = LoggerFactory.getLogger(OverdueDigest.class);

  private final ObservatoryStore store;
  private final ObservatoryTracker tracker;
  private final Sites sites;
  private final MessageSource messages;
  private final ObjectProvider<JavaMailSender> mail;
  private final ObservatoryProperties properties;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final DataSource dataSource;
  private Scheduler scheduler;
  private volatile boolean running;
  Clock clock = Clock.systemUTC();

  OverdueDigest(
      ObservatoryStore store,
      ObservatoryTracker tracker,
      Sites sites,
      MessageSource messages,
      ObjectProvider<JavaMailSender> mail,
      ObservatoryProperties properties,
      AuditLog audit,
      DataSource dataSource,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.tracker = tracker;
    this.sites = sites;
    this.messages = messages;
    this.mail = mail;
    this.properties = properties;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.dataSource = dataSource;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(properties.getZone()));
  }

  /** Sends the day's digests that were not sent yet; returns how many went out. */
  public int sendAll(LocalDate today) {
    int sent = 0;
    for (UUID siteId : store.sitesWithOverdueCommitments(today)) {
      Site site = sites.byId(new SiteId(siteId));
      List<Commitment> overdue =
          tracker.commitments(site).stream().filter(c -> c.overdueOn(today)).toList();
      if (overdue.isEmpty()) {
        continue;
      }
      List<Subscriber> claimed = new ArrayList<>();
      tx.executeWithoutResult(
          status -> {
            for (Subscriber s : store.recipients(siteId)) {
              if (store.claimDigest(siteId, s.userId(), today)) {
                claimed.add(s);
                audit.record(siteId, "observatory.digest.sent", "user:" + s.userId(), null);
              }
            }
          });
      for (Subscriber s : claimed) {
        if (send(site, s, overdue, today)) {
          sent++;
        }
      }
    }
    return sent;
  }

  private boolean send(Site site, Subscriber to, List<Commitment> overdue, LocalDate today) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return false;
    }
    Locale locale = Locale.forLanguageTag(to.language());
    StringBuilder text = new StringBuilder();
    text.append(msg("observatory.digest.intro", locale, site.municipality(), overdue.size()))
        .append("\n\n");
    for (Commitment c : overdue) {
      text.append("- ")
          .append(c.institution().name())
          .append(": ")
          .append(c.what())
          .append(" (")
          .append(
              msg(
                  "observatory.digest.due",
                  locale,
                  c.dueOn().toString(),
                  c.sessionHeldOn().toString()))
          .append(")\n");
    }
    text.append("\n")
        .append(msg("observatory.digest.link", locale))
        .append(" ")
        .append(properties.getBaseUrl())
        .append("/manage/sites/")
        .append(site.key())
        .append("/observatory/sessions\n");
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.getMailFrom());
    message.setTo(to.email());
    message.setSubject(
        msg("observatory.digest.subject", locale, site.municipality(), today.toString()));
    message.setText(text.toString());
    try {
      sender.send(message);
      return true;
    } catch (RuntimeException e) {
      // Ids only: never the address.
      log.warn(
          "Overdue digest for user {} at site {} failed: {}",
          to.userId(),
          site.key(),
          e.getClass().getSimpleName());
      return false;
    }
  }

  private String msg(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  /**
   * A db-scheduler instance cannot start again once stopped, so each start builds a new one (a test
   * context is stopped while another runs, then started again).
   */
  @Override
  public synchronized void start() {
    RecurringTask<Void> daily =
        Tasks.recurring(TASK, Schedules.daily(properties.getZone(), properties.getDigestTime()))
            .execute((instance, context) -> sendAll(today()));
    scheduler =
        Scheduler.create(new TransactionAwareDataSourceProxy(dataSource))
            .tableName("observatory_scheduled_tasks")
            .startTasks(daily)
            .pollingInterval(properties.getPollInterval())
            .threads(1)
            .schedulerName(new SchedulerName.Hostname())
            .build();
    scheduler.start();
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.stop();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
