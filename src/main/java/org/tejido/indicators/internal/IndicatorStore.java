package org.tejido.indicators.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.indicators.ComparableSeries;
import org.tejido.indicators.IndicatorsImported;

/**
 * SQL for official crime counts and populations. Loads go through {@code COPY} and replace the
 * affected series in the same transaction (crime counts straight into their table, populations
 * through a temporary staging table): a failed or interrupted import leaves the previous figures
 * exactly as they were, with no partial rows.
 */
@Repository
public class IndicatorStore {

  static final String CRIME_COLUMNS =
      "catalogue, measure, level, year, state, state_name, municipality, municipality_name,"
          + " legal_good, crime_type, subtype, subtype_key, modality, sex, age_range, months";
  static final String POPULATION_COLUMNS = "source, sex, year, state, municipality, people";

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  private final ApplicationEventPublisher events;

  IndicatorStore(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.events = events;
  }

  /** What an import is recorded as, in the same transaction as its rows. */
  public record Recorded(String kind, String description, String fileName) {}

  /**
   * Rows written by the producer, in the order of {@link #CRIME_COLUMNS}, replace every series
   * (level, measure, year, state, subtype) they touch.
   *
   * <p>A municipal history is millions of lines that repeat a few hundred thousand combinations of
   * place, crime and modality (V42). Each line is written once, narrow, straight into {@code
   * crime_figure} — its year and months, and the number of its series — as it is read; the series,
   * numbered above every number in use, follow in one short {@code COPY} at the end. Then the
   * figures the new ones replace (every figure of a touched series that this import did not write)
   * are deleted, and the series left without figures with them. Until the commit no other
   * connection sees any of it, and readers are never blocked; a failure at any point rolls all of
   * it back.
   */
  public long replaceCrimeCounts(Recorded as, CopyRows.Producer producer) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int base;
        try (Statement s = c.createStatement()) {
          // One import at a time (the numbering below needs it); readers go on reading.
          s.execute("lock table crime_series, crime_figure in share row exclusive mode");
          try (ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from crime_series")) {
            rs.next();
            base = rs.getInt(1);
          }
        }
        CrimeSeries series = new CrimeSeries(base);
        long copied =
            copy(
                c,
                "crime_figure",
                "series, year, months",
                rows -> producer.writeTo(rows.mapping(series::figure)));
        copy(c, "crime_series", CrimeSeries.COLUMNS, series::writeTo);
        replaceTouched(c, base, series.touched());
        Instant at = record(c, as, copied);
        c.commit();
        events.publishEvent(new IndicatorsImported(as.kind(), at));
        return copied;
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * Deletes the figures, numbered up to {@code base} (written before this import), of the series
   * the import touched, then the series that have no figure left (each series counts its figures),
   * and brings the count and latest month of those that keep some up to date.
   */
  private static void replaceTouched(Connection c, int base, List<Object[]> touched)
      throws SQLException {
    String[] levels = new String[touched.size()];
    String[] measures = new String[touched.size()];
    Integer[] years = new Integer[touched.size()];
    Integer[] states = new Integer[touched.size()];
    String[] keys = new String[touched.size()];
    for (int i = 0; i < touched.size(); i++) {
      Object[] k = touched.get(i);
      levels[i] = (String) k[0];
      measures[i] = (String) k[1];
      years[i] = (Integer) k[2];
      states[i] = (Integer) k[3];
      keys[i] = (String) k[4];
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          "create temporary table replaced_series (id integer, figures integer) on commit drop");
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            """
            with gone as (
              delete from crime_figure f
               using crime_series s,
                     unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::text[])
                       as k(level, measure, year, state, subtype_key)
               where f.series = s.id and s.id <= ? and f.year = k.year
                 and s.level = k.level and s.measure = k.measure and s.state = k.state
                 and s.subtype_key = k.subtype_key
              returning f.series)
            insert into replaced_series select series, count(*) from gone group by series
            """)) {
      delete.setArray(1, c.createArrayOf("text", levels));
      delete.setArray(2, c.createArrayOf("text", measures));
      delete.setArray(3, c.createArrayOf("integer", years));
      delete.setArray(4, c.createArrayOf("integer", states));
      delete.setArray(5, c.createArrayOf("text", keys));
      delete.setInt(6, base);
      delete.executeUpdate();
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          """
          delete from crime_series s using replaced_series r
           where s.id = r.id and s.figures = r.figures
          """);
      s.executeUpdate(
          """
          update crime_series s
             set figures = s.figures - r.figures,
                 latest_month = (select max(f.year * 100 + m.i)
                                   from crime_figure f
                                  cross join lateral generate_subscripts(f.months, 1) as m(i)
                                  where f.series = s.id and f.months[m.i] is not null)
            from replaced_series r
           where s.id = r.id and s.figures > r.figures
          """);
    }
  }

  /** Rows written by the producer replace every (source, sex, year) they touch. */
  public long replacePopulation(Recorded as, CopyRows.Producer producer) throws Exception {
    return replace(
        as,
        "population",
        POPULATION_COLUMNS,
        """
        delete from population p
         using (select distinct source, sex, year from staging) k
         where p.source = k.source and p.sex = k.sex and p.year = k.year
        """,
        producer);
  }

  /**
   * The rows written by the producer, {@code municipality,neighbour}, replace the whole adjacency
   * list, kept in both directions.
   */
  public long replaceNeighbours(Recorded as, CopyRows.Producer producer) throws Exception {
    return replace(
        as,
        "municipality_neighbour",
        "municipality, neighbour",
        "delete from municipality_neighbour",
        producer,
        """
        insert into municipality_neighbour (municipality, neighbour)
        select municipality, neighbour from staging
        union
        select neighbour, municipality from staging
        """);
  }

  private long replace(
      Recorded as, String table, String columns, String delete, CopyRows.Producer producer)
      throws Exception {
    return replace(
        as,
        table,
        columns,
        delete,
        producer,
        "insert into " + table + " (" + columns + ") select " + columns + " from staging");
  }

  /** Records a committed import (in its transaction): what, from which file, how many rows. */
  private static Instant record(Connection c, Recorded as, long rows) throws SQLException {
    try (var record =
        c.prepareStatement(
            "insert into indicator_import (kind, description, file_name, rows_loaded)"
                + " values (?, ?, ?, ?) returning imported_at")) {
      record.setString(1, as.kind());
      record.setString(2, as.description());
      record.setString(3, as.fileName());
      record.setLong(4, rows);
      try (var result = record.executeQuery()) {
        result.next();
        return result.getTimestamp(1).toInstant();
      }
    }
  }

  private long replace(
      Recorded as,
      String table,
      String columns,
      String delete,
      CopyRows.Producer producer,
      String insert)
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("create temporary table staging (like " + table + ") on commit drop");
        }
        long copied = copy(c, "staging", columns, producer);
        long loaded;
        try (Statement s = c.createStatement()) {
          s.executeUpdate(delete);
          loaded = s.executeUpdate(insert);
        }
        boolean symmetric = table.equals("municipality_neighbour");
        if (!symmetric && loaded != copied) {
          throw new SQLException("Loaded " + loaded + " rows of " + copied);
        }
        Instant at = record(c, as, loaded);
        c.commit();
        events.publishEvent(new IndicatorsImported(as.kind(), at));
        return loaded;
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** Streams the producer's rows into {@code table}; the number of rows the server took. */
  private static long copy(Connection c, String table, String columns, CopyRows.Producer producer)
      throws Exception {
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT text)");
    CopyRows rows = new CopyRows(copy);
    try {
      producer.writeTo(rows);
      rows.flush();
      long copied = copy.endCopy();
      if (copied != rows.rows()) {
        throw new SQLException("The server took " + copied + " rows of " + rows.rows());
      }
      return copied;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** One month's sum over the matching rows, by level; a month no row reports is null. */
  public record MonthSum(String level, int year, int month, Long count) {}

  /**
   * A state's (or, with a null state, the nation's) months: each state counted from its state file
   * where that year has one, otherwise from its municipal rows.
   */
  public List<MonthSum> stateMonths(String measure, String subtypeKey, Integer state) {
    return jdbc.sql(
            """
            select 'state', c.year, k as month, sum(c.months[k]) as count
              from crime_count c cross join generate_series(1, 12) k
             where c.measure = :measure and c.subtype_key = :subtype
               and (cast(:state as integer) is null or c.state = :state)
               and (c.level = 'state' or not exists (
                     select 1 from crime_count x
                      where x.level = 'state' and x.measure = c.measure
                        and x.subtype_key = c.subtype_key and x.year = c.year
                        and x.state = c.state))
             group by c.year, k
             order by c.year, k
            """)
        .param("measure", measure)
        .param("subtype", subtypeKey)
        .param("state", state)
        .query(
            (rs, i) ->
                new MonthSum(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    (Long) rs.getObject(4, Long.class)))
        .list();
  }

  public List<MonthSum> municipalMonths(String measure, String subtypeKey, String municipality) {
    return jdbc.sql(
            """
            select 'municipal', c.year, k as month, sum(c.months[k]) as count
              from crime_count c cross join generate_series(1, 12) k
             where c.municipality = :municipality and c.measure = :measure
               and c.subtype_key = :subtype
             group by c.year, k
             order by c.year, k
            """)
        .param("measure", measure)
        .param("subtype", subtypeKey)
        .param("municipality", municipality)
        .query(
            (rs, i) ->
                new MonthSum(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    (Long) rs.getObject(4, Long.class)))
        .list();
  }

  /**
   * Every subtype on record, by key, with the name as the file spells it (the first in sort order
   * where spellings differ). Every indicator request asks this, and a municipal history is millions
   * of rows over a few dozen subtypes: the query hops from one key to the next along the index
   * {@code crime_series_subtypes} (V42), one probe per subtype, instead of reading every series.
   */
  public List<String[]> subtypes(String measure) {
    return jdbc.sql(
            """
            with recursive s (subtype_key, subtype) as (
              (select subtype_key, subtype from crime_series where measure = :measure
                order by subtype_key, subtype limit 1)
              union all
              select n.subtype_key, n.subtype from s cross join lateral (
                select c.subtype_key, c.subtype from crime_series c
                 where c.measure = :measure and c.subtype_key > s.subtype_key
                 order by c.subtype_key, c.subtype limit 1) n
            )
            select subtype_key, subtype from s order by subtype_key
            """)
        .param("measure", measure)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
        .list();
  }

  public boolean hasMunicipality(String municipality) {
    return jdbc.sql("select exists (select 1 from crime_series where municipality = ?)")
        .param(municipality)
        .query(Boolean.class)
        .single();
  }

  /** The population of the year nearest to {@code year} that the source has for this sex. */
  public Optional<Integer> nearestPopulationYear(String source, String sex, int year) {
    // The nearest year on each side, each one probe of the primary key, rather than grouping the
    // whole series (CONAPO: 2,478 municipalities × 51 years).
    return jdbc.sql(
            """
            select year from (
              (select year from population where source = :source and sex = :sex
                  and year >= :year order by year limit 1)
              union all
              (select year from population where source = :source and sex = :sex
                  and year < :year order by year desc limit 1)) n
             order by abs(year - :year), year limit 1
            """)
        .param("source", source)
        .param("sex", sex)
        .param("year", year)
        .query(Integer.class)
        .optional();
  }

  /** The population of a municipality, a state (sum of its municipalities) or the nation. */
  public Optional<Long> population(
      String source, String sex, int year, Integer state, String municipality) {
    Long people =
        jdbc.sql(
                """
                select sum(people) from population
                 where source = :source and sex = :sex and year = :year
                   and (cast(:state as integer) is null or state = :state)
                   and (cast(:municipality as text) is null or municipality = :municipality)
                """)
            .param("source", source)
            .param("sex", sex)
            .param("year", year)
            .param("state", state)
            .param("municipality", municipality)
            .query(Long.class)
            .single();
    return Optional.ofNullable(people);
  }

  /** When a file (of any kind, or of this kind) was last imported. */
  public Optional<Instant> lastImport(String kind) {
    // max() of no rows is one null row: absent, not an error.
    return jdbc
        .sql(
            "select max(imported_at) from indicator_import"
                + " where cast(:kind as text) is null or kind = :kind")
        .param("kind", kind)
        .query((rs, i) -> rs.getTimestamp(1))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(java.sql.Timestamp::toInstant);
  }

  /**
   * A comparable series' months: the rows of its members (subtype of a catalogue, and modality
   * where it matters) summed; at a municipality, or a state (a null state: the nation) counted as
   * {@link #stateMonths} counts.
   */
  public List<MonthSum> seriesMonths(
      String measure, List<ComparableSeries.Member> members, Integer state, String municipality) {
    String[] catalogues =
        members.stream().map(ComparableSeries.Member::catalogue).toArray(String[]::new);
    String[] subtypes =
        members.stream().map(ComparableSeries.Member::subtypeKey).toArray(String[]::new);
    String[] modalities =
        members.stream()
            .map(m -> m.modalityEnding() == null ? "*" : m.modalityEnding())
            .toArray(String[]::new);
    String where =
        municipality != null
            ? "c.municipality = :municipality"
            : """
              (cast(:state as integer) is null or c.state = :state)
              and (c.level = 'state' or not exists (
                    select 1 from crime_count x
                     where x.level = 'state' and x.measure = c.measure
                       and x.subtype_key = c.subtype_key and x.year = c.year
                       and x.state = c.state))
              """;
    return jdbc.sql(
            """
            select c.year, k as month, sum(c.months[k]) as count
              from crime_count c
              join unnest(cast(:catalogues as text[]), cast(:subtypes as text[]),
                          cast(:modalities as text[])) as m(catalogue, subtype_key, modality)
                on c.catalogue = m.catalogue and c.subtype_key = m.subtype_key
               and (m.modality = '*' or lower(c.modality) like '%' || m.modality)
             cross join generate_series(1, 12) k
             where c.measure = :measure and
            """
                + where
                + " group by c.year, k order by c.year, k")
        .param("catalogues", catalogues)
        .param("subtypes", subtypes)
        .param("modalities", modalities)
        .param("measure", measure)
        .param("state", state)
        .param("municipality", municipality)
        .query(
            (rs, i) ->
                new MonthSum(
                    "series", rs.getInt(1), rs.getInt(2), (Long) rs.getObject(3, Long.class)))
        .list();
  }

  /** One month of one comparable series at one municipality; a month no row reports is null. */
  public record SeriesMonth(String municipality, String series, int year, int month, Long count) {}

  /**
   * The months of several comparable series at several municipalities in one pass: what {@link
   * #seriesMonths} answers for each (series, municipality), summed the same way (a row counts once
   * per member of a series it matches), so a page of charts and its comparison with the neighbours
   * costs one query instead of one per series and municipality.
   */
  public List<SeriesMonth> seriesMonths(
      String measure,
      java.util.Map<String, List<ComparableSeries.Member>> series,
      List<String> municipalities) {
    List<String> ids = new java.util.ArrayList<>();
    List<String> catalogues = new java.util.ArrayList<>();
    List<String> subtypes = new java.util.ArrayList<>();
    List<String> modalities = new java.util.ArrayList<>();
    series.forEach(
        (id, members) -> {
          for (ComparableSeries.Member m : members) {
            ids.add(id);
            catalogues.add(m.catalogue());
            subtypes.add(m.subtypeKey());
            modalities.add(m.modalityEnding() == null ? "*" : m.modalityEnding());
          }
        });
    if (ids.isEmpty() || municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select c.municipality, m.series, c.year, k as month, sum(c.months[k]) as count
              from crime_count c
              join unnest(cast(:series as text[]), cast(:catalogues as text[]),
                          cast(:subtypes as text[]), cast(:modalities as text[]))
                   as m(series, catalogue, subtype_key, modality)
                on c.catalogue = m.catalogue and c.subtype_key = m.subtype_key
               and (m.modality = '*' or lower(c.modality) like '%' || m.modality)
             cross join generate_series(1, 12) k
             where c.measure = :measure
               and c.municipality = any(cast(:municipalities as bpchar[]))
             group by c.municipality, m.series, c.year, k
            """)
        .param("series", ids.toArray(String[]::new))
        .param("catalogues", catalogues.toArray(String[]::new))
        .param("subtypes", subtypes.toArray(String[]::new))
        .param("modalities", modalities.toArray(String[]::new))
        .param("measure", measure)
        .param("municipalities", municipalities.toArray(String[]::new))
        .query(
            (rs, i) ->
                new SeriesMonth(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    (Long) rs.getObject(5, Long.class)))
        .list();
  }

  /**
   * The population of each of these municipalities, as {@link #population} answers for one: those
   * the source does not cover are absent.
   */
  public java.util.Map<String, Long> populations(
      String source, String sex, int year, List<String> municipalities) {
    java.util.Map<String, Long> people = new java.util.HashMap<>();
    jdbc.sql(
            """
            select municipality, sum(people) from population
             where source = :source and sex = :sex and year = :year
               and municipality = any(cast(:municipalities as bpchar[]))
             group by municipality
            """)
        .param("source", source)
        .param("sex", sex)
        .param("year", year)
        .param("municipalities", municipalities.toArray(String[]::new))
        .query(
            rs -> {
              long p = rs.getLong(2);
              if (!rs.wasNull()) {
                people.put(rs.getString(1), p);
              }
            });
    return people;
  }

  /** A municipality's neighbours, in code order. */
  public List<String> neighbours(String municipality) {
    return jdbc.sql(
            "select neighbour from municipality_neighbour where municipality = ?"
                + " order by neighbour")
        .param(municipality)
        .query(String.class)
        .list();
  }

  /** The names SESNSP's files give these municipalities, where they have figures. */
  public java.util.Map<String, String> municipalityNames(List<String> codes) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    jdbc.sql(
            "select municipality, max(municipality_name) from crime_series"
                + " where municipality = any(cast(:codes as text[])) group by municipality")
        .param("codes", codes.toArray(String[]::new))
        .query(
            rs -> {
              names.put(rs.getString(1), rs.getString(2));
            });
    return names;
  }

  /** Whether any crime figure has been imported. */
  public boolean hasCrimeCounts() {
    return jdbc.sql("select exists (select 1 from crime_figure)").query(Boolean.class).single();
  }

  /**
   * What changes with every committed import of any kind, in any process (the number of imports and
   * the latest one's time): what is read from the figures stays valid while this does.
   */
  public String importsVersion() {
    return jdbc.sql(
            "select count(*) || '/' || coalesce(cast(max(imported_at) as text), '')"
                + " from indicator_import")
        .query(String.class)
        .single();
  }

  /** The latest month any crime figure reports (blank months are not reported). */
  public Optional<YearMonth> latestReportedMonth() {
    return jdbc
        .sql(
            // Each series keeps its latest reported month (V42): one probe of an index.
            "select max(latest_month) from crime_series")
        .query(Integer.class)
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(v -> YearMonth.of(v / 100, v % 100));
  }
}
