package org.tejido.indicators;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tejido.indicators.internal.IndicatorStore;
import org.tejido.indicators.internal.IndicatorStore.MonthSum;
import org.tejido.indicators.internal.Keys;

/**
 * Official crime indicators for a place and a crime subtype. States and the nation are counted from
 * the state files where a year has them (SESNSP publishes those first and they are the official
 * state totals), otherwise as the sum of the municipal rows — "no especificado" buckets included,
 * since those crimes did happen in the state. A municipality is counted from its own rows only.
 */
@Service
public class CrimeIndicators {

  /** The subtype whose rates divide by women only. */
  public static final String FEMICIDE = "feminicidio";

  private final IndicatorStore store;
  private final IndicatorsProperties properties;

  CrimeIndicators(IndicatorStore store, IndicatorsProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** Crimes or victims, as the SESNSP files count them. */
  public enum Measure {
    CRIMES,
    VICTIMS;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The subtype as the files spell it, matched without regard to case or accents.
   *
   * @throws UnknownSubtype listing the closest names
   */
  public String subtype(String typed, Measure measure) {
    String key = Keys.of(typed);
    List<String[]> known = store.subtypes(measure.key());
    for (String[] subtype : known) {
      if (subtype[0].equals(key)) {
        return subtype[1];
      }
    }
    List<String> closest =
        known.stream()
            .filter(
                s -> distance(s[0], key) <= Math.max(3, key.length() / 3) || overlaps(s[0], key))
            // names containing what was typed first ("robo" → the robberies), then the nearest
            .sorted(
                Comparator.comparing((String[] s) -> !overlaps(s[0], key))
                    .thenComparingInt(s -> distance(s[0], key)))
            .limit(8)
            .map(s -> s[1])
            .toList();
    throw new UnknownSubtype(typed, closest);
  }

  /** Whether any official crime figure has been imported: the dataset exists. */
  public boolean hasFigures() {
    return store.hasCrimeCounts();
  }

  /** The latest month read, and the imports it was read after. */
  private record Latest(String importsVersion, Optional<YearMonth> month) {}

  private volatile Latest latest;

  /**
   * The latest month the imported figures report. Finding it reads every row of the latest year
   * (about a second on a full municipal history), and only an import changes it: it is read again
   * only when the imports have changed since (in this process or another), which costs one small
   * query.
   */
  public Optional<YearMonth> latestReportedMonth() {
    String version = store.importsVersion();
    Latest known = latest;
    if (known != null && known.importsVersion().equals(version)) {
      return known.month();
    }
    // Read after the version: if an import lands in between, this month is newer than the
    // version says, and the next request reads it again.
    Optional<YearMonth> month = store.latestReportedMonth();
    latest = new Latest(version, month);
    return month;
  }

  /** When any official file (figures, population, neighbours) was last imported. */
  public Optional<java.time.Instant> lastImport() {
    return store.lastImport(null);
  }

  /** Through which month the crime figures go, and when they were imported. */
  public LastImport lastCrimeImport() {
    return lastCrimeImport(latestReportedMonth());
  }

  /** As {@link #lastCrimeImport()}, with the latest reported month already read. */
  LastImport lastCrimeImport(Optional<YearMonth> reportedThrough) {
    return new LastImport(reportedThrough, store.lastImport("crimes"));
  }

  /** The monthly series of a comparable series at a place, both catalogues combined. */
  public MonthlyCounts monthly(Place place, ComparableSeries series, Measure measure) {
    List<MonthSum> sums;
    if (place instanceof Place.Municipality m) {
      sums = store.seriesMonths(measure.key(), series.members(), null, m.code());
    } else if (place instanceof Place.State s) {
      sums = store.seriesMonths(measure.key(), series.members(), s.code(), null);
    } else {
      sums = store.seriesMonths(measure.key(), series.members(), null, null);
    }
    Map<YearMonth, Long> counts = new HashMap<>();
    for (MonthSum sum : sums) {
      if (sum.count() != null) {
        counts.put(YearMonth.of(sum.year(), sum.month()), sum.count());
      }
    }
    return new MonthlyCounts(counts);
  }

  /**
   * The monthly series of several comparable series at several municipalities, read in one query:
   * by municipality, then by series id, each exactly what {@link #monthly(Place, ComparableSeries,
   * Measure)} answers for it (a municipality or series without figures has an empty series).
   */
  public Map<String, Map<String, MonthlyCounts>> monthly(
      List<Place.Municipality> places, List<ComparableSeries> series, Measure measure) {
    Map<String, List<ComparableSeries.Member>> members = new java.util.LinkedHashMap<>();
    series.forEach(s -> members.put(s.id(), s.members()));
    List<String> codes = places.stream().map(Place.Municipality::code).distinct().toList();
    Map<String, Map<String, Map<YearMonth, Long>>> counts = new HashMap<>();
    for (IndicatorStore.SeriesMonth m : store.seriesMonths(measure.key(), members, codes)) {
      if (m.count() != null) {
        counts
            .computeIfAbsent(m.municipality(), k -> new HashMap<>())
            .computeIfAbsent(m.series(), k -> new HashMap<>())
            .put(YearMonth.of(m.year(), m.month()), m.count());
      }
    }
    Map<String, Map<String, MonthlyCounts>> all = new HashMap<>();
    for (String code : codes) {
      Map<String, MonthlyCounts> bySeries = new HashMap<>();
      for (ComparableSeries s : series) {
        bySeries.put(
            s.id(),
            new MonthlyCounts(counts.getOrDefault(code, Map.of()).getOrDefault(s.id(), Map.of())));
      }
      all.put(code, bySeries);
    }
    return all;
  }

  /**
   * Denominators for one page: each (sex, year) and each population looked up once, the populations
   * of all the page's municipalities in one query. It answers what {@link #denominator(Place,
   * ComparableSeries, int)} answers; it is meant to live as long as one request.
   */
  public Denominators denominators(List<Place.Municipality> places) {
    return new Denominators(places.stream().map(Place.Municipality::code).distinct().toList());
  }

  /** See {@link #denominators}. Not thread-safe: one per request. */
  public final class Denominators {

    private final List<String> codes;
    private final Map<String, Optional<Integer>> nearestYears = new HashMap<>();
    private final Map<String, Map<String, Long>> populations = new HashMap<>();

    private Denominators(List<String> codes) {
      this.codes = codes;
    }

    public Optional<Denominator> of(Place place, ComparableSeries series, int year) {
      String subtype = series.id().equals(FEMICIDE) ? FEMICIDE : series.id();
      if (!(place instanceof Place.Municipality m) || !codes.contains(m.code())) {
        return denominator(place, subtype, year);
      }
      IndicatorsProperties.PopulationSource source = properties.population();
      String sex = sex(subtype);
      Optional<Integer> populationYear =
          nearestYears.computeIfAbsent(
              sex + "|" + year, k -> store.nearestPopulationYear(source.key(), sex, year));
      if (populationYear.isEmpty() || m.isUnspecifiedBucket()) {
        return Optional.empty();
      }
      Long people =
          populations
              .computeIfAbsent(
                  sex + "|" + populationYear.get(),
                  k -> store.populations(source.key(), sex, populationYear.get(), codes))
              .get(m.code());
      return Optional.ofNullable(people)
          .filter(p -> p > 0)
          .map(p -> denominator(p, source, populationYear.get(), sex));
    }
  }

  /** The denominator of a comparable series: women for femicide, everyone otherwise. */
  public Optional<Denominator> denominator(Place place, ComparableSeries series, int year) {
    return denominator(place, series.id().equals(FEMICIDE) ? FEMICIDE : series.id(), year);
  }

  /** The municipalities that share a border with this one, from the imported list. */
  public List<String> neighbours(Place.Municipality municipality) {
    return store.neighbours(municipality.code());
  }

  /** The names of these municipalities as SESNSP's files give them (absent without figures). */
  public Map<String, String> municipalityNames(List<String> codes) {
    return store.municipalityNames(codes);
  }

  /** The monthly series of a subtype at a place; absent months are missing. */
  public MonthlyCounts monthly(Place place, String subtype, Measure measure) {
    String key = Keys.of(subtype);
    List<MonthSum> sums;
    if (place instanceof Place.Municipality m) {
      sums = store.municipalMonths(measure.key(), key, m.code());
    } else if (place instanceof Place.State s) {
      sums = store.stateMonths(measure.key(), key, s.code());
    } else {
      sums = store.stateMonths(measure.key(), key, null);
    }
    Map<YearMonth, Long> counts = new HashMap<>();
    for (MonthSum sum : sums) {
      if (sum.count() != null) {
        counts.put(YearMonth.of(sum.year(), sum.month()), sum.count());
      }
    }
    return new MonthlyCounts(counts);
  }

  /** A month's figure. */
  public Indicator month(Place place, String typedSubtype, YearMonth month, Measure measure) {
    String subtype = subtype(typedSubtype, measure);
    MonthlyCounts series = monthly(place, subtype, measure);
    Long count = series.month(month).isPresent() ? series.month(month).getAsLong() : null;
    return indicator(
        place, subtype, month.toString(), count, count == null ? 0 : 1, 1, month.getYear());
  }

  /** A year's figure, over the months reported so far. */
  public Indicator year(Place place, String typedSubtype, int year, Measure measure) {
    String subtype = subtype(typedSubtype, measure);
    MonthlyCounts series = monthly(place, subtype, measure);
    Long count = series.year(year).isPresent() ? series.year(year).getAsLong() : null;
    return indicator(
        place, subtype, Integer.toString(year), count, series.monthsReported(year), 12, year);
  }

  private Indicator indicator(
      Place place, String subtype, String period, Long count, int reported, int months, int year) {
    Optional<Denominator> denominator = denominator(place, subtype, year);
    boolean rated = count != null && denominator.isPresent();
    return new Indicator(
        place,
        subtype,
        period,
        count,
        reported,
        months,
        rated ? MonthlyCounts.ratePer100k(count, denominator.get().people()) : null,
        denominator.map(Denominator::people).orElse(null),
        denominator.map(Denominator::label).orElse(null));
  }

  /** The people a rate divides by, and how to name them on the rate. */
  public record Denominator(long people, String source, int year, String sex, String label) {}

  /**
   * The deployment's population for the place and year: women for femicide, everyone otherwise;
   * CONAPO's nearest year, or the 2020 census. Empty where the series does not cover the place (a
   * "no especificado" bucket, a municipality created after the count, nothing loaded).
   */
  public Optional<Denominator> denominator(Place place, String subtype, int year) {
    IndicatorsProperties.PopulationSource source = properties.population();
    String sex = sex(subtype);
    Optional<Integer> populationYear = store.nearestPopulationYear(source.key(), sex, year);
    if (populationYear.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> people;
    if (place instanceof Place.Municipality m) {
      people =
          m.isUnspecifiedBucket()
              ? Optional.empty()
              : store.population(source.key(), sex, populationYear.get(), null, m.code());
    } else {
      Integer state = place instanceof Place.State s ? s.code() : null;
      people = store.population(source.key(), sex, populationYear.get(), state, null);
    }
    return people.filter(p -> p > 0).map(p -> denominator(p, source, populationYear.get(), sex));
  }

  private static Denominator denominator(
      long people, IndicatorsProperties.PopulationSource source, int year, String sex) {
    return new Denominator(
        people,
        source.key(),
        year,
        sex,
        source.label() + ", " + year + (sex.equals("women") ? ", women" : ""));
  }

  private static String sex(String subtype) {
    return Keys.of(subtype).equals(FEMICIDE) ? "women" : "total";
  }

  private static boolean overlaps(String known, String typed) {
    if (typed.length() >= 3 && known.contains(typed)) {
      return true;
    }
    for (String word : typed.split(" ")) {
      if (word.length() >= 5 && known.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Levenshtein distance: how many edits turn one name into the other. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
