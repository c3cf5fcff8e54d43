package org.tejido.safety.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.safety.internal.SafetyStore.AlertRow;
import org.tejido.safety.internal.SafetyStore.ChainLevel;
import org.tejido.safety.internal.SafetyStore.TripRow;
import org.tejido.safety.internal.escalation.AlertKind;
import org.tejido.safety.internal.escalation.EscalationPlan;
import org.tejido.safety.internal.escalation.Trip;
import org.tejido.safety.internal.escalation.TripState;
import org.tejido.sites.SiteId;
import org.tejido.sites.Sites;

/**
 * The durable timer. Two db-scheduler tasks: {@code safety-trip} fires at a trip's return time plus
 * grace and raises a missed check-in alert if she has not checked out (or waits for a later return
 * time she set); {@code safety-alert} sends the due steps of an alert's plan and reschedules itself
 * for the next one until a coordinator acknowledges. db-scheduler picks each due row under a lock,
 * so one node runs it; the step counter moves by compare-and-set, so a step is sent once even so.
 */
@Component
public class Escalations implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  static final String TRIP_TASK = "safety-trip";
  static final String ALERT_TASK = "safety-alert";

  private final SafetyStore store;
  private final AlertNotifier notifier;
  private final SafetyProperties properties;
  private final Sites sites;
  private final TransactionTemplate tx;
  private final Scheduler scheduler;
  private final CustomTask<Void> tripTask;
  private final CustomTask<Void> alertTask;
  private volatile boolean running;
  Clock clock = Clock.systemUTC();

  Escalations(
      SafetyStore store,
      AlertNotifier notifier,
      SafetyProperties properties,
      Sites sites,
      DataSource dataSource,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.notifier = notifier;
    this.properties = properties;
    this.sites = sites;
    this.tx = new TransactionTemplate(transactions);
    this.tripTask =
        Tasks.custom(TRIP_TASK, Void.class)
            .execute(
                (instance, context) -> {
                  Instant next = tripDue(UUID.fromString(instance.getId()), clock.instant());
                  return next == null
                      ? new CompletionHandler.OnCompleteRemove<>()
                      : (complete, ops) -> ops.reschedule(complete, next);
                });
    this.alertTask =
        Tasks.custom(ALERT_TASK, Void.class)
            .execute(
                (instance, context) -> {
                  Instant next = alertStep(UUID.fromString(instance.getId()), clock.instant());
                  return next == null
                      ? new CompletionHandler.OnCompleteRemove<>()
                      : (complete, ops) -> ops.reschedule(complete, next);
                });
    RecurringTask<Void> retention =
        Tasks.recurring("safety-retention", FixedDelay.ofHours(1))
            .execute((instance, context) -> deleteExpired(clock.instant()));
    this.scheduler =
        Scheduler.create(
                new TransactionAwareDataSourceProxy(dataSource), List.of(tripTask, alertTask))
            .startTasks(retention)
            .pollingInterval(properties.getPollInterval())
            .threads(4)
            .schedulerName(new SchedulerName.Hostname())
            .build();
  }

  /** Arms the timer for a trip (again, when she extends: the earlier firing finds the new time). */
  public void arm(UUID trip, Instant at) {
    scheduler.scheduleIfNotExists(tripTask.instance(trip.toString()), at);
  }

  /** Starts an alert's notifications now. */
  public void armNow(UUID alert) {
    armAlert(alert, clock.instant());
    wakeUp();
  }

  void armAlert(UUID alert, Instant at) {
    scheduler.scheduleIfNotExists(alertTask.instance(alert.toString()), at);
  }

  /** The trip timer fired. Returns when to look again (a later return time), or null when done. */
  public Instant tripDue(UUID tripId, Instant now) {
    return tx.execute(
        status -> {
          TripRow row = store.trip(tripId).orElse(null);
          if (row == null || row.state() == TripState.RESOLVED) {
            return null;
          }
          Trip trip = row.trip();
          Clock at = Clock.fixed(now, java.time.ZoneOffset.UTC);
          Trip current = trip.at(at);
          if (current.state() != TripState.ESCALATING) {
            if (current != trip) {
              store.updateTrip(tripId, current, null);
            }
            return current.alertAt().isAfter(now) ? current.alertAt() : null;
          }
          if (store.openAlertOfTrip(tripId).isPresent() || trip.state() == TripState.ACKNOWLEDGED) {
            return null;
          }
          store.updateTrip(tripId, current, null);
          UUID alert =
              raise(row.siteId(), tripId, row.userId(), AlertKind.MISSED_CHECK_IN, trip.alertAt());
          armAlert(alert, now);
          return null;
        });
  }

  public UUID raise(UUID site, UUID trip, UUID user, AlertKind kind, Instant at) {
    return raise(site, trip, user, kind, at, null);
  }

  /** Raises an alert carrying the member's last known location (sealed), or none when null. */
  public UUID raise(
      UUID site,
      UUID trip,
      UUID user,
      AlertKind kind,
      Instant at,
      org.tejido.safety.LastKnownLocation location) {
    UUID id = UUID.randomUUID();
    store.insertAlert(id, site, trip, user, kind, at, location);
    log.info("Safety alert {} raised at site {} ({})", id, site, kind.code());
    return id;
  }

  /** Sends what is due of an alert now; returns the next step's time, or null when it stops. */
  public Instant alertStep(UUID alertId, Instant now) {
    List<Runnable> sends = new ArrayList<>();
    Instant next =
        tx.execute(
            status -> {
              AlertRow alert = store.alert(alertId).orElse(null);
              if (alert == null || alert.acknowledged() || alert.resolvedAt() != null) {
                return null;
              }
              List<ChainLevel> chain = store.chain(alert.siteId());
              EscalationPlan plan =
                  new EscalationPlan(
                      alert.kind(),
                      alert.raisedAt(),
                      chain.stream().map(l -> Duration.ofMinutes(l.delayMinutes())).toList(),
                      properties.getRepeat());
              EscalationPlan.Due due = plan.dueAt(now, alert.stepsSent(), false);
              if (chain.isEmpty()) {
                log.warn("Safety alert {} has no escalation chain to alert", alertId);
                return now.plus(properties.getRepeat());
              }
              if (due.nothing()) {
                return due.nextAt();
              }
              if (!store.advanceSteps(alertId, alert.stepsSent(), due.stepsSent())) {
                return null; // someone else sent it, or it was acknowledged meanwhile
              }
              List<String> contacts =
                  due.levels().stream().map(i -> chain.get(i).contact()).toList();
              String siteKey = sites.byId(new SiteId(alert.siteId())).key();
              sends.add(() -> notifier.send(alert, siteKey, contacts, due.stepsSent()));
              return due.nextAt();
            });
    // Sent after the step count is committed: a crash in between loses at most one notice, it
    // never repeats one; the next step follows regardless.
    sends.forEach(Runnable::run);
    return next;
  }

  void deleteExpired(Instant now) {
    int gone =
        store.deleteResolvedBefore(now.minus(Duration.ofDays(properties.getRetentionDays())));
    if (gone > 0) {
      log.info("Deleted {} resolved safety records past retention", gone);
    }
  }

  /** Looks for due work now rather than at the next poll (a panic alert should not wait). */
  void wakeUp() {
    if (org.springframework.transaction.support.TransactionSynchronizationManager
        .isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager
          .registerSynchronization(
              new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  if (running) {
                    scheduler.triggerCheckForDueExecutions();
                  }
                }
              });
    } else if (running) {
      scheduler.triggerCheckForDueExecutions();
    }
  }

  @Override
  public void start() {
    scheduler.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    scheduler.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
