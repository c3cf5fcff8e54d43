package org.tejido.indicators;

import java.math.BigDecimal;

/**
 * One figure as Tejido shows it: the count over the period's reported months ({@code null} when
 * none is reported — missing, not zero), how many of its months are reported, and the rate per
 * 100,000 inhabitants when the deployment's population series covers the place ({@code population}
 * and {@code denominator} say which people it divides by).
 */
public record Indicator(
    Place place,
    String subtype,
    String period,
    Long count,
    int monthsReported,
    int monthsInPeriod,
    BigDecimal ratePer100k,
    Long population,
    String denominator) {}
