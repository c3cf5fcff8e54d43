package org.tejido.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** A version of a site's agenda: the one draft, or a published (immutable) version. */
public record AgendaVersion(
    UUID id, int number, boolean published, Instant publishedAt, Integer participants) {

  /** Dates are shown as the sites live them: in central Mexico's time zone. */
  public static final ZoneId ZONE = ZoneId.of("America/Mexico_City");

  public LocalDate publishedOn() {
    return publishedAt == null ? null : LocalDate.ofInstant(publishedAt, ZONE);
  }
}
