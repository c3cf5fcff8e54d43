package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formulas on hand-computed figures. */
class MonthlyCountsTest {

  private static YearMonth ym(int year, int month) {
    return YearMonth.of(year, month);
  }

  /** January 2021–2023: 10, 12, 14 (average 12); January 2024 as given. */
  private static MonthlyCounts januaries(Long jan2024) {
    Map<YearMonth, Long> counts = new HashMap<>();
    counts.put(ym(2021, 1), 10L);
    counts.put(ym(2022, 1), 12L);
    counts.put(ym(2023, 1), 14L);
    if (jan2024 != null) {
      counts.put(ym(2024, 1), jan2024);
    }
    return new MonthlyCounts(counts);
  }

  @Test
  void semaforoIsGreenAtExactlyAQuarterBelowTheThreeYearAverage() {
    // (9 - 12) / 12 = -25 %
    assertThat(januaries(9L).semaforo(ym(2024, 1))).contains(Semaforo.GREEN);
    assertThat(januaries(3L).semaforo(ym(2024, 1))).contains(Semaforo.GREEN);
  }

  @Test
  void semaforoIsYellowFromZeroToAQuarterBelowAndRedAbove() {
    // (10 - 12) / 12 = -16.7 %; 12 is no change; 13 is 8.3 % above
    assertThat(januaries(10L).semaforo(ym(2024, 1))).contains(Semaforo.YELLOW);
    assertThat(januaries(12L).semaforo(ym(2024, 1))).contains(Semaforo.YELLOW);
    assertThat(januaries(13L).semaforo(ym(2024, 1))).contains(Semaforo.RED);
  }

  @Test
  void semaforoAveragesOnlyTheReportedEarlierYearsAndNeedsTheMonthItself() {
    MonthlyCounts series =
        new MonthlyCounts(Map.of(ym(2021, 1), 10L, ym(2023, 1), 20L, ym(2024, 1), 11L));
    // average of 10 and 20 (2022 missing, not zero) = 15; (11 - 15) / 15 = -26.7 % -> green
    assertThat(series.sameMonthAverage(ym(2024, 1))).contains(new BigDecimal("15.000000"));
    assertThat(series.semaforo(ym(2024, 1))).contains(Semaforo.GREEN);
    assertThat(januaries(null).semaforo(ym(2024, 1))).isEmpty();
    assertThat(new MonthlyCounts(Map.of(ym(2024, 1), 5L)).semaforo(ym(2024, 1))).isEmpty();
  }

  @Test
  void semaforoAgainstAnAverageOfZero() {
    Map<YearMonth, Long> zeros = new HashMap<>(Map.of(ym(2021, 5), 0L, ym(2022, 5), 0L));
    zeros.put(ym(2023, 5), 0L);
    zeros.put(ym(2024, 5), 0L);
    assertThat(new MonthlyCounts(zeros).semaforo(ym(2024, 5))).contains(Semaforo.YELLOW);
    zeros.put(ym(2024, 5), 1L);
    assertThat(new MonthlyCounts(zeros).semaforo(ym(2024, 5))).contains(Semaforo.RED);
  }

  @Test
  void aYearSumsItsReportedMonthsAndSaysHowManyThereAre() {
    Map<YearMonth, Long> counts = new HashMap<>();
    for (int m = 1; m <= 11; m++) {
      counts.put(ym(2024, m), 5L); // December not yet published
    }
    MonthlyCounts series = new MonthlyCounts(counts);
    assertThat(series.year(2024)).hasValue(55);
    assertThat(series.monthsReported(2024)).isEqualTo(11);
    assertThat(series.year(2023)).isEmpty();
    assertThat(series.month(ym(2024, 12))).isEmpty();
  }

  @Test
  void rollingSumNeedsAllTwelveMonths() {
    Map<YearMonth, Long> counts = new HashMap<>();
    for (int m = 1; m <= 12; m++) {
      counts.put(ym(2023, m), (long) m); // 1 + 2 + ... + 12 = 78
    }
    counts.put(ym(2024, 1), 100L);
    MonthlyCounts series = new MonthlyCounts(counts);
    assertThat(series.rolling12(ym(2023, 12))).hasValue(78);
    // Feb 2023 .. Jan 2024 = 78 - 1 + 100
    assertThat(series.rolling12(ym(2024, 1))).hasValue(177);
    // Feb 2024 is missing: no sum that would understate
    assertThat(series.rolling12(ym(2024, 2))).isEmpty();
  }

  @Test
  void yearOverYearChangeInPercent() {
    MonthlyCounts series =
        new MonthlyCounts(
            Map.of(ym(2023, 3), 24L, ym(2024, 3), 30L, ym(2023, 4), 0L, ym(2024, 4), 7L));
    assertThat(series.yearOverYear(ym(2024, 3))).contains(new BigDecimal("25.0"));
    assertThat(series.yearOverYear(ym(2024, 4))).as("no percentage of zero").isEmpty();
    assertThat(series.yearOverYear(ym(2024, 5))).isEmpty();
  }

  @Test
  void ratePer100kMatchesTheWorkedExamples() {
    // homicidio doloso 2024 over CONAPO 2024 (corpus README)
    assertThat(MonthlyCounts.ratePer100k(1573, 2_112_570)).isEqualByComparingTo("74.5");
    assertThat(MonthlyCounts.ratePer100k(645, 788_649)).isEqualByComparingTo("81.8");
    assertThat(MonthlyCounts.ratePer100k(149, 127_899)).isEqualByComparingTo("116.5");
    assertThat(MonthlyCounts.ratePer100k(146, 661_895)).isEqualByComparingTo("22.1");
    assertThatThrownBy(() -> MonthlyCounts.ratePer100k(3, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReportedMonthCannotBeNegative() {
    assertThatThrownBy(() -> new MonthlyCounts(Map.of(ym(2024, 1), -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
