package org.tejido.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.tejido.indicators.internal.Keys;
import org.tejido.shared.LocalizedText;

/**
 * The regrouping table: which subtypes of the 2015 methodology (idm2015) and of the 2026 RNID
 * catalogue (rnid2026) make up each {@link ComparableSeries}, and which have no counterpart. Read
 * from {@code indicators/comparable-series.csv} and {@code comparable-series-members.csv}.
 */
@Component
public class Regrouping {

  static final String SERIES = "/indicators/comparable-series.csv";
  static final String MEMBERS = "/indicators/comparable-series-members.csv";
  private static final String NONE = "-";
  private static final CSVFormat CSV =
      CSVFormat.DEFAULT
          .builder()
          .setCommentMarker('#')
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .get();

  private final Map<String, ComparableSeries> series;

  /** "catalogue|subtype key" of subtypes with no comparable series. */
  private final Set<String> withoutSeries = new TreeSet<>();

  /** "catalogue|subtype key" → the series it belongs to. */
  private final Map<String, List<String>> seriesOf = new LinkedHashMap<>();

  public Regrouping() {
    Map<String, String[]> definitions = new LinkedHashMap<>();
    for (CSVRecord r : read(SERIES)) {
      definitions.put(
          r.get("series"),
          new String[] {
            r.get("name_es"), r.get("name_en"), r.get("break"), r.get("note_es"), r.get("note_en")
          });
    }
    Map<String, List<ComparableSeries.Member>> members = new LinkedHashMap<>();
    for (CSVRecord r : read(MEMBERS)) {
      String id = r.get("series");
      String catalogue = r.get("catalogue");
      if (!catalogue.equals("idm2015") && !catalogue.equals("rnid2026")) {
        throw new IllegalStateException(MEMBERS + " line " + r.getRecordNumber() + ": catalogue");
      }
      String key = Keys.of(r.get("subtype"));
      if (id.equals(NONE)) {
        withoutSeries.add(catalogue + "|" + key);
        continue;
      }
      if (!definitions.containsKey(id)) {
        throw new IllegalStateException(MEMBERS + ": no series " + id + " in " + SERIES);
      }
      String modality = r.get("modality").strip();
      members
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new ComparableSeries.Member(
                  catalogue,
                  r.get("subtype"),
                  key,
                  modality.equals("*") ? null : modality.toLowerCase(Locale.ROOT)));
      seriesOf.computeIfAbsent(catalogue + "|" + key, k -> new ArrayList<>()).add(id);
    }
    Map<String, ComparableSeries> all = new LinkedHashMap<>();
    definitions.forEach(
        (id, d) ->
            all.put(
                id,
                new ComparableSeries(
                    id,
                    LocalizedText.of(d[0], d[1]),
                    d[2].equals("definition"),
                    LocalizedText.of(d[3], d[4]),
                    members.getOrDefault(id, List.of()))));
    this.series = java.util.Collections.unmodifiableMap(all);
  }

  private static List<CSVRecord> read(String resource) {
    try (InputStream in = Regrouping.class.getResourceAsStream(resource);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return CSV.parse(reader).getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Collection<ComparableSeries> all() {
    return series.values();
  }

  /** The series by its id, case as typed not mattering. */
  public Optional<ComparableSeries> series(String id) {
    return Optional.ofNullable(series.get(id == null ? "" : id.strip().toLowerCase(Locale.ROOT)));
  }

  /** Whether the table says where a subtype of this catalogue goes (a series, or none). */
  public boolean knows(String catalogue, String subtype) {
    String key = catalogue + "|" + Keys.of(subtype);
    return withoutSeries.contains(key) || seriesOf.containsKey(key);
  }

  /** Whether the table lists the subtype as having no comparable series. */
  public boolean withoutComparableSeries(String catalogue, String subtype) {
    return withoutSeries.contains(catalogue + "|" + Keys.of(subtype));
  }

  /** The series a subtype of this catalogue counts in (robo a negocio: two of them). */
  public List<ComparableSeries> seriesOf(String catalogue, String subtype) {
    return seriesOf.getOrDefault(catalogue + "|" + Keys.of(subtype), List.of()).stream()
        .map(series::get)
        .toList();
  }

  /** Where a comparable series breaks within the period, if it does. */
  public Optional<CatalogueBreak> breakIn(ComparableSeries s, YearMonth from, YearMonth to) {
    if (!spansCatalogues(from, to) || !s.definitionChanged()) {
      return Optional.empty();
    }
    return Optional.of(
        new CatalogueBreak(
            ComparableSeries.RNID_STARTS, CatalogueBreak.DEFINITION_CHANGED, s.note(), List.of()));
  }

  /**
   * Where the figures of one subtype, queried by its name, break within the period: when the name
   * is not a member of the same series in both catalogues, or its series changed definition.
   */
  public Optional<CatalogueBreak> breakIn(String subtype, YearMonth from, YearMonth to) {
    if (!spansCatalogues(from, to)) {
      return Optional.empty();
    }
    List<String> before = seriesOf.getOrDefault("idm2015|" + Keys.of(subtype), List.of());
    List<String> after = seriesOf.getOrDefault("rnid2026|" + Keys.of(subtype), List.of());
    List<String> shared = before.stream().filter(after::contains).toList();
    if (shared.isEmpty()) {
      List<String> elsewhere = before.isEmpty() ? after : before;
      return Optional.of(
          new CatalogueBreak(
              ComparableSeries.RNID_STARTS, CatalogueBreak.NO_COMPARABLE_SERIES, null, elsewhere));
    }
    return shared.stream()
        .map(series::get)
        .filter(ComparableSeries::definitionChanged)
        .findFirst()
        .map(
            s ->
                new CatalogueBreak(
                    ComparableSeries.RNID_STARTS,
                    CatalogueBreak.DEFINITION_CHANGED,
                    s.note(),
                    List.of(s.id())));
  }

  private static boolean spansCatalogues(YearMonth from, YearMonth to) {
    return from.isBefore(ComparableSeries.RNID_STARTS)
        && !to.isBefore(ComparableSeries.RNID_STARTS);
  }
}
