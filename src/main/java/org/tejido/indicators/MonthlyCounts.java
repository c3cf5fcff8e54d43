package org.tejido.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A monthly series of official counts and the formulas read from it. A month that is absent is
 * missing (not yet published, or blank in the file): it is never treated as zero. Every formula
 * that needs a missing month answers "no value" rather than a number that would understate.
 */
public final class MonthlyCounts {

  private static final BigDecimal HUNDRED_THOUSAND = BigDecimal.valueOf(100_000);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal GREEN_THRESHOLD = BigDecimal.valueOf(-25);

  private final TreeMap<YearMonth, Long> counts;

  /**
   * @param counts reported months only; a month left out is missing
   */
  public MonthlyCounts(Map<YearMonth, Long> counts) {
    this.counts = new TreeMap<>(counts);
    this.counts
        .values()
        .forEach(
            v -> {
              if (v == null || v < 0) {
                throw new IllegalArgumentException(
                    "A reported month needs a count of zero or more");
              }
            });
  }

  public Map<YearMonth, Long> reported() {
    return Collections.unmodifiableMap(counts);
  }

  public OptionalLong month(YearMonth month) {
    Long value = counts.get(month);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** Months of the year with a reported figure (12 for a complete year). */
  public int monthsReported(int year) {
    return (int) counts.keySet().stream().filter(m -> m.getYear() == year).count();
  }

  /** The sum of the year's reported months; empty when none is reported. */
  public OptionalLong year(int year) {
    if (monthsReported(year) == 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        counts.entrySet().stream()
            .filter(e -> e.getKey().getYear() == year)
            .mapToLong(Map.Entry::getValue)
            .sum());
  }

  /** The sum of the twelve months ending with {@code month}; empty if any of them is missing. */
  public OptionalLong rolling12(YearMonth month) {
    long sum = 0;
    for (int back = 0; back < 12; back++) {
      Long value = counts.get(month.minusMonths(back));
      if (value == null) {
        return OptionalLong.empty();
      }
      sum += value;
    }
    return OptionalLong.of(sum);
  }

  /**
   * Percentage change against the same month a year before, to one decimal; empty when either month
   * is missing or the earlier one is zero (no percentage of nothing).
   */
  public Optional<BigDecimal> yearOverYear(YearMonth month) {
    Long now = counts.get(month);
    Long before = counts.get(month.minusYears(1));
    if (now == null || before == null || before == 0) {
      return Optional.empty();
    }
    return Optional.of(change(BigDecimal.valueOf(now), BigDecimal.valueOf(before)));
  }

  /**
   * The average of the same month over the three previous years, over those of them reported; empty
   * when none is.
   */
  public Optional<BigDecimal> sameMonthAverage(YearMonth month) {
    long sum = 0;
    int n = 0;
    for (int back = 1; back <= 3; back++) {
      Long value = counts.get(month.minusYears(back));
      if (value != null) {
        sum += value;
        n++;
      }
    }
    return n == 0
        ? Optional.empty()
        : Optional.of(
            BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 6, RoundingMode.HALF_UP));
  }

  /** See {@link Semaforo}; empty when the month or all three earlier ones are missing. */
  public Optional<Semaforo> semaforo(YearMonth month) {
    Long now = counts.get(month);
    Optional<BigDecimal> average = sameMonthAverage(month);
    if (now == null || average.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal current = BigDecimal.valueOf(now);
    int comparison = current.compareTo(average.get());
    if (comparison > 0) {
      return Optional.of(Semaforo.RED);
    }
    if (average.get().signum() == 0) {
      return Optional.of(Semaforo.YELLOW); // zero against zero: no change
    }
    BigDecimal percent =
        current
            .subtract(average.get())
            .multiply(HUNDRED)
            .divide(average.get(), 6, RoundingMode.HALF_UP);
    return Optional.of(percent.compareTo(GREEN_THRESHOLD) <= 0 ? Semaforo.GREEN : Semaforo.YELLOW);
  }

  /** Crimes (or victims) per 100,000 inhabitants, to one decimal. */
  public static BigDecimal ratePer100k(long count, long population) {
    if (population <= 0) {
      throw new IllegalArgumentException("A rate needs a population above zero");
    }
    return BigDecimal.valueOf(count)
        .multiply(HUNDRED_THOUSAND)
        .divide(BigDecimal.valueOf(population), 1, RoundingMode.HALF_UP);
  }

  private static BigDecimal change(BigDecimal now, BigDecimal before) {
    return now.subtract(before).multiply(HUNDRED).divide(before, 1, RoundingMode.HALF_UP);
  }
}
