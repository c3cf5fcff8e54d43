package org.tejido.indicators;

import java.time.YearMonth;
import java.util.List;
import org.tejido.shared.LocalizedText;

/**
 * Where a series stops being comparable: the month the RNID catalogue took over, and why — {@code
 * definition-changed} (the series exists in both, but counts different things; {@code note} says
 * how) or {@code no-comparable-series} (the subtype has no counterpart under its name in the other
 * catalogue; {@code series} names the comparable series it belongs to, if any).
 */
public record CatalogueBreak(
    YearMonth month, String reason, LocalizedText note, List<String> series) {
  public static final String DEFINITION_CHANGED = "definition-changed";
  public static final String NO_COMPARABLE_SERIES = "no-comparable-series";

  public CatalogueBreak {
    series = List.copyOf(series);
  }
}
