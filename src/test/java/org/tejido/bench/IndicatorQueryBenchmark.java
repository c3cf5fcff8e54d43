package org.tejido.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.indicators.CrimeIndicators;
import org.tejido.indicators.CrimeIndicators.Denominator;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.indicators.ImportSummary;
import org.tejido.indicators.IndicatorsProperties;
import org.tejido.indicators.MonthlyCounts;
import org.tejido.indicators.Place;
import org.tejido.indicators.internal.IndicatorStore;
import org.tejido.indicators.internal.OfficialFileImporter;

/**
 * The indicator query of {@code /api/v1/indicators} — one municipality, one subtype, ten years of
 * months with rates, rolling sums, year-over-year changes and semáforos — on the full-size
 * municipal history ({@link MunicipalHistoryFile}, 2,671,284 rows) and a full CONAPO-shaped
 * population table (every municipality, 1990–2040, total and women), in an embedded PostgreSQL
 * migrated by the application's own migrations. The file is loaded in-process through {@link
 * OfficialFileImporter} (timed too), then each query runs the calls the controller makes, in its
 * order: the subtype as typed → {@link CrimeIndicators#subtype}, {@link CrimeIndicators#monthly},
 * {@link CrimeIndicators#denominator} once per year, and the formulas for each month.
 *
 * <p>{@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.tejido.bench.IndicatorQueryBenchmark --file=bench/out/idm-municipal-full.csv [--warmup=300]
 * [--queries=2000] [--data-dir=bench/out/indicators-query-data]} — or {@code
 * bench/indicators-query.sh}.
 */
public final class IndicatorQueryBenchmark {

  private IndicatorQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("file", "bench/out/idm-municipal-full.csv");
    opts.put("warmup", "300");
    opts.put("queries", "2000");
    opts.put("rounds", "2");
    opts.put("data-dir", "bench/out/indicators-query-data");
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      if (!opts.containsKey(kv[0]) || kv.length < 2) {
        throw new IllegalArgumentException("unknown option " + a + "; options: " + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    Path file = Path.of(opts.get("file"));
    int warmup = Integer.parseInt(opts.get("warmup"));
    int queries = Integer.parseInt(opts.get("queries"));
    int rounds = Integer.parseInt(opts.get("rounds"));
    Path dataDir = Path.of(opts.get("data-dir")).toAbsolutePath();
    Files.createDirectories(dataDir);
    System.out.println("settings: " + opts);

    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", "''")
            .start()) {
      // A pool, as the application has: a connection per statement would time connecting.
      HikariConfig pool = new HikariConfig();
      pool.setDataSource(pg.getPostgresDatabase());
      pool.setMaximumPoolSize(4);
      HikariDataSource ds = new HikariDataSource(pool);
      Flyway.configure().dataSource(ds).load().migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      // No application here: nobody listens to the import's event.
      org.springframework.context.ApplicationEventPublisher noListeners = event -> {};
      IndicatorStore store = construct(IndicatorStore.class, ds, jdbc, noListeners);
      OfficialFileImporter importer = construct(OfficialFileImporter.class, store);
      CrimeIndicators indicators =
          construct(
              CrimeIndicators.class,
              store,
              new IndicatorsProperties(IndicatorsProperties.PopulationSource.CONAPO, null));

      long t0 = System.nanoTime();
      ImportSummary summary;
      try (var in = Files.newInputStream(file)) {
        summary = importer.load(in, file.getFileName().toString(), null);
      }
      System.out.printf(
          Locale.ROOT,
          "in-process import of %s: %s (%s), %d rows read, %d loaded, %.1f s%n",
          file,
          summary.kind(),
          summary.encoding(),
          summary.rowsRead(),
          summary.rowsLoaded(),
          (System.nanoTime() - t0) / 1e9);

      t0 = System.nanoTime();
      int people =
          jdbc.sql(
                  """
                  insert into population (source, sex, year, state, municipality, people)
                  select 'conapo', s.sex, y, m.state, m.municipality,
                         (10000 + abs(hashtext(m.municipality)) % 900000)
                         / (case s.sex when 'women' then 2 else 1 end)
                    from (select distinct state, municipality from crime_series
                           where municipality is not null and not not_a_municipality) m
                   cross join generate_series(1990, 2040) y
                   cross join (values ('total'), ('women')) s(sex)
                  """)
              .update();
      jdbc.sql("analyze").update();
      System.out.printf(
          Locale.ROOT,
          "population: %d rows (CONAPO-shaped, 1990–2040, total and women), %.1f s%n",
          people,
          (System.nanoTime() - t0) / 1e9);

      List<String> municipalities =
          jdbc.sql(
                  "select distinct municipality from crime_series where municipality is not null"
                      + " order by municipality")
              .query(String.class)
              .list();
      String[] typed = {"Homicidio doloso", "homicidio DOLOSO", "Feminicidio", "extorsion"};
      YearMonth from = YearMonth.of(2015, 1);
      YearMonth to = YearMonth.of(2024, 12);
      Random random = new Random(9);
      for (int i = 0; i < warmup; i++) {
        query(
            indicators,
            municipalities.get(random.nextInt(municipalities.size())),
            typed[i % typed.length],
            from,
            to);
      }
      for (int round = 1; round <= rounds; round++) {
        double[] ms = new double[queries];
        int months = 0;
        for (int i = 0; i < queries; i++) {
          String municipality = municipalities.get(random.nextInt(municipalities.size()));
          long q0 = System.nanoTime();
          months += query(indicators, municipality, typed[i % typed.length], from, to);
          ms[i] = (System.nanoTime() - q0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
            Locale.ROOT,
            "round %d: %d queries (one municipality, one subtype, %s..%s, %d months each):"
                + " p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
            round,
            queries,
            from,
            to,
            months / queries,
            ms[queries / 2],
            ms[(int) (queries * 0.9)],
            ms[(int) (queries * 0.99)],
            ms[queries - 1]);
      }
      // The same data, the statements these two look-ups used before V34 (for the record).
      String[][] before = {
        {
          "subtypes, one pass over every row (before V34)",
          "select subtype_key, min(subtype) from crime_count where measure = 'crimes'"
              + " group by subtype_key order by subtype_key"
        },
        {
          "nearest population year, grouping the series (before)",
          "select year from population where source = 'conapo' and sex = 'total'"
              + " group by year order by abs(year - 2019), year limit 1"
        }
      };
      for (String[] statement : before) {
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
          long q0 = System.nanoTime();
          jdbc.sql(statement[1]).query().listOfRows();
          ms[i] = (System.nanoTime() - q0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
            Locale.ROOT, "%s: median %.2f ms of %d%n", statement[0], ms[ms.length / 2], ms.length);
      }
      System.out.println(
          "load average: " + Files.readString(Path.of("/proc/loadavg")).strip() + " (at the end)");
      ds.close();
    }
  }

  /** What the controller computes for one request, in its order; returns the months built. */
  static int query(
      CrimeIndicators indicators,
      String municipality,
      String crime,
      YearMonth first,
      YearMonth last) {
    Place place = new Place.Municipality(municipality);
    Measure what = Measure.CRIMES;
    String subtype = indicators.subtype(crime, what);
    MonthlyCounts series = indicators.monthly(place, subtype, what);
    Map<Integer, Optional<Denominator>> denominators = new HashMap<>();
    List<Object[]> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      Long count = series.month(m).isPresent() ? series.month(m).getAsLong() : null;
      Optional<Denominator> denominator =
          denominators.computeIfAbsent(
              m.getYear(), year -> indicators.denominator(place, subtype, year));
      months.add(
          new Object[] {
            m.toString(),
            count,
            count == null || denominator.isEmpty()
                ? null
                : MonthlyCounts.ratePer100k(count, denominator.get().people()),
            series.rolling12(m),
            series.yearOverYear(m),
            series.semaforo(m)
          });
    }
    return months.size();
  }

  private static <T> T construct(Class<T> type, Object... args) throws Exception {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        c.setAccessible(true);
        return type.cast(c.newInstance(args));
      }
    }
    throw new IllegalStateException("no constructor of " + type + " with " + args.length);
  }
}
