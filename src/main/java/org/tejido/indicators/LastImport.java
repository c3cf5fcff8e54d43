package org.tejido.indicators;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * What the public pages say of the figures they show: the latest month SESNSP reports and when the
 * crime figures were last imported (stored, so known after a restart and after an import from the
 * command line).
 */
public record LastImport(Optional<YearMonth> reportedThrough, Optional<Instant> importedAt) {

  /** The last day of the latest reported month, as in "cifras al 31 de octubre de 2026". */
  public Optional<java.time.LocalDate> figuresAsOf() {
    return reportedThrough.map(YearMonth::atEndOfMonth);
  }

  /** The day of the import, in Mexico's time (where the figures are read). */
  public Optional<java.time.LocalDate> importedOn() {
    return importedAt.map(at -> java.time.LocalDate.ofInstant(at, MEXICO));
  }

  private static final java.time.ZoneId MEXICO = java.time.ZoneId.of("America/Mexico_City");
}
