package org.tejido.fieldwork;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a term added to the gazetteer is looked for in the sources already ready for analysis.
 * Adding the term flags every ready source at once, in its own transaction (one UPDATE: nobody
 * without the vault reads their analysed text from then on); the sources are then opened and read
 * here, after that transaction commits, one check at a time, as the person who added the term, and
 * those that do not say it get their flag back off. A check that cannot finish (the vault was
 * locked meanwhile, the server stopped) leaves the sources flagged: more to review, nothing shown.
 */
@Component
public class ReviewRequests {

  private static final Logger log = LoggerFactory.getLogger(ReviewRequests.class);

  private final TransactionTemplate transaction;
  private final ExecutorService checks =
      Executors.newSingleThreadExecutor(
          work -> {
            Thread thread = new Thread(work, "tejido-review-requests");
            thread.setDaemon(true);
            return thread;
          });

  ReviewRequests(PlatformTransactionManager transactions) {
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Runs {@code check} in a transaction of its own once the current one commits (at once without
   * one), with the current person's security context; never if the current one rolls back.
   */
  void afterCommit(Runnable check) {
    SecurityContext context = SecurityContextHolder.getContext();
    Runnable task =
        DelegatingSecurityContextRunnable.create(
            () -> {
              try {
                transaction.executeWithoutResult(status -> check.run());
              } catch (RuntimeException e) {
                // Nothing of the term or the sources in the log: the flags stay as they are.
                log.warn(
                    "Checking the ready sources for a new gazetteer term failed ({}); they stay"
                        + " flagged for another review",
                    e.getClass().getSimpleName());
              }
            },
            context);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              checks.execute(task);
            }
          });
    } else {
      checks.execute(task);
    }
  }

  /** Waits until every check asked for so far has finished (tests, benchmarks). */
  public void awaitChecks(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    checks.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    checks.shutdown();
    checks.awaitTermination(10, TimeUnit.SECONDS);
  }
}
