package org.tejido.indicators;

import java.time.Instant;

/**
 * Official figures changed: a file was imported and committed. Public pages that show figures must
 * be rendered again.
 *
 * <p>Published by the process that imported, and in every running server for an import committed by
 * another process (the command line, another server) as soon as PostgreSQL notifies it. A server
 * can therefore hear of one import twice: listeners must be idempotent.
 *
 * @param kind {@code crimes}, {@code population} or {@code neighbours}
 */
public record IndicatorsImported(String kind, Instant importedAt) {}
