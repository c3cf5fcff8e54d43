/**
 * Official indicators: SESNSP crime figures and population denominators, imported from the
 * government's files and queried as counts, rates per 100,000, rolling sums, year-over-year changes
 * and the semáforo. Queried with {@link org.tejido.indicators.CrimeIndicators}; files (and the list
 * of neighbouring municipalities) loaded with {@link org.tejido.indicators.IndicatorImports}, which
 * publishes {@link org.tejido.indicators.IndicatorsImported}; the formulas, free of Spring and of
 * the database, are {@link org.tejido.indicators.MonthlyCounts}. {@link
 * org.tejido.indicators.Regrouping} maps the subtypes of both SESNSP catalogues onto {@link
 * org.tejido.indicators.ComparableSeries}; {@link org.tejido.indicators.IndicatorCharts} is what a
 * public page charts (with the Thymeleaf fragment {@code indicators/fragments/charts}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Indicators")
package org.tejido.indicators;
