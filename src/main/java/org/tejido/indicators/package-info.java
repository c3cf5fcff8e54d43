/**
 * Official indicators: SESNSP crime figures and population denominators, imported from the
 * government's files and queried as counts, rates per 100,000, rolling sums, year-over-year changes
 * and the semáforo. Queried with {@link org.tejido.indicators.CrimeIndicators}; files loaded with
 * {@link org.tejido.indicators.IndicatorImports}; the formulas, free of Spring and of the database,
 * are {@link org.tejido.indicators.MonthlyCounts}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Indicators")
package org.tejido.indicators;
