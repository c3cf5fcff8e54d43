package org.tejido.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A version of the National Agenda: the one draft, or a published (immutable) version. */
public record NationalAgendaVersion(UUID id, int number, boolean published, Instant publishedAt) {

  public LocalDate publishedOn() {
    return publishedAt == null ? null : LocalDate.ofInstant(publishedAt, AgendaVersion.ZONE);
  }
}
