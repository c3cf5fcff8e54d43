package org.tejido.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.tejido.shared.ServingStarted;

/** Start-up tidying runs when Tejido serves, never when a command (a restore) runs. */
class ServingAnnouncerTest {

  private final List<Object> published = new ArrayList<>();
  private final ServingAnnouncer announcer = new ServingAnnouncer(published::add);

  @Test
  void aReadyWebApplicationAnnouncesThatItServes() {
    announcer.on(ready(new GenericWebApplicationContext()));
    assertThat(published).containsExactly(new ServingStarted());
  }

  @Test
  void aCommandAnnouncesNothing() {
    announcer.on(ready(new GenericApplicationContext()));
    assertThat(published).isEmpty();
  }

  private static ApplicationReadyEvent ready(
      org.springframework.context.ConfigurableApplicationContext context) {
    return new ApplicationReadyEvent(
        new SpringApplication(), new String[0], context, Duration.ZERO);
  }
}
