package org.tejido.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tejido.support.MutableClock;

class UnlockThrottleTest {

  @Test
  void afterFiveFailuresTheNextAttemptWaitsAndTheWaitDoubles() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    UnlockThrottle throttle =
        new UnlockThrottle(5, Duration.ofSeconds(30), Duration.ofMinutes(15), clock);
    for (int i = 0; i < 4; i++) {
      throttle.failed("site|person");
    }
    assertThat(throttle.waitFor("site|person")).isZero();
    throttle.failed("site|person");
    assertThat(throttle.waitFor("site|person")).isEqualTo(Duration.ofSeconds(30));
    throttle.failed("site|person");
    assertThat(throttle.waitFor("site|person")).isEqualTo(Duration.ofSeconds(60));
    assertThat(throttle.waitFor("site|someone-else")).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(throttle.waitFor("site|person")).isZero();
    throttle.succeeded("site|person");
    throttle.failed("site|person");
    assertThat(throttle.waitFor("site|person")).isZero();
  }
}
