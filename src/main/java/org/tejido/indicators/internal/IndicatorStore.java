package org.tejido.indicators.internal;

import java.sql.Connection;
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
 * SQL for official crime counts and populations. Loads go through {@code COPY} into a temporary
 * staging table and replace the affected series in the same transaction: a failed or interrupted
 * import leaves the previous figures exactly as they were, with no partial rows.
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
   * Rows written by the producer replace every series (level, measure, year, state, subtype) they
   * touch.
   */
  public long replaceCrimeCounts(Recorded as, CopyRows.Producer producer) throws Exception {
    return replace(
        as,
        "crime_count",
        CRIME_COLUMNS,
        """
        delete from crime_count c
         using (select distinct level, measure, year, state, subtype_key from staging) k
         where c.level = k.level and c.measure = k.measure and c.year = k.year
           and c.state = k.state and c.subtype_key = k.subtype_key
        """,
        producer);
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
        CopyIn copy =
            c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY staging (" + columns + ") FROM STDIN (FORMAT text)");
        CopyRows rows = new CopyRows(copy);
        try {
          producer.writeTo(rows);
          rows.flush();
          copy.endCopy();
        } finally {
          if (copy.isActive()) {
            copy.cancelCopy();
          }
        }
        long loaded;
        try (Statement s = c.createStatement()) {
          s.executeUpdate(delete);
          loaded = s.executeUpdate(insert);
        }
        boolean symmetric = table.equals("municipality_neighbour");
        if (!symmetric && loaded != rows.rows()) {
          throw new SQLException("Loaded " + loaded + " rows of " + rows.rows());
        }
        Instant at;
        try (var record =
            c.prepareStatement(
                "insert into indicator_import (kind, description, file_name, rows_loaded)"
                    + " values (?, ?, ?, ?) returning imported_at")) {
          record.setString(1, as.kind());
          record.setString(2, as.description());
          record.setString(3, as.fileName());
          record.setLong(4, loaded);
          try (var result = record.executeQuery()) {
            result.next();
            at = result.getTimestamp(1).toInstant();
          }
        }
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

  /** Every subtype on record, by key, with the name as the file spells it. */
  public List<String[]> subtypes(String measure) {
    return jdbc.sql(
            "select subtype_key, min(subtype) from crime_count where measure = ?"
                + " group by subtype_key order by subtype_key")
        .param(measure)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
        .list();
  }

  public boolean hasMunicipality(String municipality) {
    return jdbc.sql("select exists (select 1 from crime_count where municipality = ?)")
        .param(municipality)
        .query(Boolean.class)
        .single();
  }

  /** The population of the year nearest to {@code year} that the source has for this sex. */
  public Optional<Integer> nearestPopulationYear(String source, String sex, int year) {
    return jdbc.sql(
            "select year from population where source = ? and sex = ?"
                + " group by year order by abs(year - ?), year limit 1")
        .params(source, sex, year)
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
            "select municipality, max(municipality_name) from crime_count"
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
    return jdbc.sql("select exists (select 1 from crime_count)").query(Boolean.class).single();
  }

  /** The latest month any crime figure reports (blank months are not reported). */
  public Optional<YearMonth> latestReportedMonth() {
    return jdbc
        .sql(
            """
            select max(c.year * 100 + m.i) from crime_count c
             cross join lateral generate_subscripts(c.months, 1) as m(i)
             where c.year = (select max(year) from crime_count) and c.months[m.i] is not null
            """)
        .query(Integer.class)
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(v -> YearMonth.of(v / 100, v % 100));
  }
}
