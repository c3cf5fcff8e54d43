package org.tejido.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tejido.support.MutableClock;

class ThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Throttle throttle =
      new Throttle(
          5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1), 1000, clock);

  @Test
  void afterFiveFailuresTheNextAttemptWaitsAndTheWaitDoubles() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.reserve("site|person")).isZero();
    }
    assertThat(throttle.reserve("site|person")).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(31));
    assertThat(throttle.reserve("site|person")).isZero();
    assertThat(throttle.reserve("site|person")).isEqualTo(Duration.ofSeconds(60));
    assertThat(throttle.reserve("site|someone-else")).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(throttle.reserve("site|person")).isZero();
  }

  @Test
  void aSuccessStartsAfreshAndAReleasedAttemptDoesNotCount() {
    for (int i = 0; i < 4; i++) {
      throttle.reserve("k");
    }
    throttle.release("k");
    assertThat(throttle.counted("k")).isEqualTo(3);
    throttle.reset("k");
    assertThat(throttle.counted("k")).isZero();
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.reserve("k")).isZero();
    }
  }

  @Test
  void parallelAttemptsGetNoMoreChecksThanTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                return throttle.reserve("guessed").isZero();
              }));
    }
    start.countDown();
    int checked = 0;
    for (Future<Boolean> attempt : attempts) {
      checked += attempt.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(checked).isEqualTo(5);
  }
}
