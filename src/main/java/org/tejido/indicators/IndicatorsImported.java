package org.tejido.indicators;

import java.time.Instant;

/**
 * Official figures changed: a file was imported and committed. Public pages that show figures must
 * be rendered again.
 *
 * @param kind {@code crimes}, {@code population} or {@code neighbours}
 */
public record IndicatorsImported(String kind, Instant importedAt) {}
