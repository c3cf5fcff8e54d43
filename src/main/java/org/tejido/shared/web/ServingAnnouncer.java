package org.tejido.shared.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;
import org.tejido.shared.ServingStarted;

/** Announces {@link ServingStarted} once the web application is ready, and never for a command. */
@Component
class ServingAnnouncer {

  private final ApplicationEventPublisher events;

  ServingAnnouncer(ApplicationEventPublisher events) {
    this.events = events;
  }

  @EventListener
  void on(ApplicationReadyEvent ready) {
    if (ready.getApplicationContext() instanceof WebApplicationContext) {
      events.publishEvent(new ServingStarted());
    }
  }
}
