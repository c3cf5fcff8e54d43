package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.support.TejidoTest;

/**
 * Two nodes on one database: db-scheduler's lock on the scheduled_tasks row (V22) lets exactly one
 * of them run each due execution, so an escalation is neither lost nor sent twice.
 */
@TejidoTest
class SchedulerLockingTest {

  @Autowired DataSource dataSource;

  @Test
  void twoSchedulersOnOneDatabaseRunEachDueExecutionOnce() throws Exception {
    ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    String name = "locking-test-" + System.nanoTime();
    OneTimeTask<Void> task =
        Tasks.oneTime(name)
            .execute(
                (instance, context) ->
                    runs.computeIfAbsent(instance.getId(), k -> new AtomicInteger())
                        .incrementAndGet());
    Scheduler first = node(task, "node-a");
    Scheduler second = node(task, "node-b");
    try {
      Instant due = Instant.now().plusMillis(300);
      for (int i = 0; i < 40; i++) {
        first.schedule(task.instance("alert-" + i), due);
      }
      first.start();
      second.start();
      long deadline = System.currentTimeMillis() + 20_000;
      while (runs.size() < 40 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1500); // time for a duplicate to show up, if there were one
    } finally {
      first.stop();
      second.stop();
    }
    assertThat(runs).hasSize(40);
    assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  @Test
  void anExecutionScheduledBeforeARestartRunsOnceAfterIt() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    OneTimeTask<Void> task =
        Tasks.oneTime("restart-test-" + System.nanoTime())
            .execute((instance, context) -> runs.incrementAndGet());
    Scheduler before = node(task, "before-restart");
    before.start();
    before.schedule(task.instance("trip"), Instant.now().plusSeconds(2));
    before.stop(); // the server goes down before the return time
    Thread.sleep(2500); // and stays down past it

    Scheduler after = node(task, "after-restart");
    after.start();
    try {
      long deadline = System.currentTimeMillis() + 10_000;
      while (runs.get() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1000);
    } finally {
      after.stop();
    }
    assertThat(runs.get()).isEqualTo(1);
  }

  private Scheduler node(OneTimeTask<Void> task, String name) {
    return Scheduler.create(dataSource, List.of(task))
        .pollingInterval(Duration.ofMillis(100))
        .threads(4)
        .schedulerName(new SchedulerName.Fixed(name))
        .build();
  }
}
