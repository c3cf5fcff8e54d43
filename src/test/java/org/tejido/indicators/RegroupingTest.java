package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The regrouping table against the files SESNSP really publishes, and where series break. */
class RegroupingTest {

  private final Regrouping regrouping = new Regrouping();

  @Test
  void everySubtypeOfTheRealFilesIsMappedOrListedAsHavingNoComparableSeries() throws Exception {
    Optional<Path> corpus =
        Stream.of(
                System.getProperty("tejido.corpus", ""),
                "../shared/corpus/crime-mx",
                "../../shared/corpus/crime-mx")
            .filter(p -> !p.isEmpty())
            .map(Path::of)
            .filter(p -> Files.isRegularFile(p.resolve("sesnsp_estatal_delitos_2015_2024.csv")))
            .findFirst();
    assumeTrue(
        corpus.isPresent(),
        "The crime-mx corpus is not beside the project (../shared/corpus/crime-mx): the check of"
            + " the regrouping table against the real files is skipped.");
    Set<String> missing = new TreeSet<>();
    int files = 0;
    try (Stream<Path> listing = Files.list(corpus.get())) {
      for (Path file :
          listing.filter(p -> p.getFileName().toString().startsWith("sesnsp_")).toList()) {
        files++;
        missing.addAll(unmapped(file));
      }
    }
    assertThat(files).isGreaterThanOrEqualTo(4);
    assertThat(missing).as("subtypes the regrouping table does not place").isEmpty();
  }

  @Test
  void everySubtypeOfTheTestExcerptsIsPlacedToo() throws Exception {
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> listing = Files.list(Path.of("src/test/resources/indicators"))) {
      for (Path file :
          listing.filter(p -> p.getFileName().toString().contains("sesnsp_")).toList()) {
        missing.addAll(unmapped(file));
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theHighImpactCrimesFollowTheirSubtypesAcrossBothCatalogues() {
    ComparableSeries kidnapping = regrouping.series("secuestro").orElseThrow();
    assertThat(kidnapping.members())
        .extracting(ComparableSeries.Member::catalogue, ComparableSeries.Member::subtype)
        .contains(
            org.assertj.core.groups.Tuple.tuple("idm2015", "Secuestro"),
            org.assertj.core.groups.Tuple.tuple("rnid2026", "Secuestro exprés"),
            org.assertj.core.groups.Tuple.tuple("rnid2026", "Secuestro extorsivo"));
    assertThat(regrouping.seriesOf("rnid2026", "Robo de vehículo automotor - Motocicleta"))
        .extracting(ComparableSeries::id)
        .containsExactlyInAnyOrder("robo-de-vehiculo", "robo-con-violencia");
    assertThat(regrouping.withoutComparableSeries("rnid2026", "Tentativa de feminicidio")).isTrue();
    assertThat(regrouping.withoutComparableSeries("rnid2026", "TORTURA")).isTrue();
  }

  @Test
  void aSeriesBreaksOnlyWhereThePeriodCrossesIntoTheRnidAndTheSeriesChanged() {
    YearMonth dec2025 = YearMonth.of(2025, 12);
    YearMonth jan2026 = YearMonth.of(2026, 1);
    ComparableSeries kidnapping = regrouping.series("secuestro").orElseThrow();
    ComparableSeries homicide = regrouping.series("homicidio-doloso").orElseThrow();

    CatalogueBreak redrawn = regrouping.breakIn(kidnapping, dec2025, jan2026).orElseThrow();
    assertThat(redrawn.reason()).isEqualTo(CatalogueBreak.DEFINITION_CHANGED);
    assertThat(redrawn.month()).isEqualTo(jan2026);
    assertThat(redrawn.note().in(java.util.Locale.ENGLISH)).contains("four kinds");
    assertThat(regrouping.breakIn(kidnapping, YearMonth.of(2024, 1), dec2025)).isEmpty();
    assertThat(regrouping.breakIn(homicide, YearMonth.of(2024, 1), jan2026)).isEmpty();

    // By name, "Secuestro" exists only in the 2015 methodology: the comparable series is named.
    CatalogueBreak byName = regrouping.breakIn("secuestro", dec2025, jan2026).orElseThrow();
    assertThat(byName.reason()).isEqualTo(CatalogueBreak.NO_COMPARABLE_SERIES);
    assertThat(byName.series()).containsExactly("secuestro");
    assertThat(regrouping.breakIn("Tortura", dec2025, jan2026).orElseThrow().series()).isEmpty();
    assertThat(regrouping.breakIn("Homicidio doloso", dec2025, jan2026)).isEmpty();
    assertThat(regrouping.breakIn("Extorsión", dec2025, jan2026).orElseThrow().reason())
        .isEqualTo(CatalogueBreak.NO_COMPARABLE_SERIES);
  }

  /** "catalogue: subtype" of the file's rows that the table does not place. */
  private List<String> unmapped(Path file) throws IOException {
    String text = decode(Files.readAllBytes(file));
    Set<String> out = new TreeSet<>();
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(text.replace("\uFEFF", "")))
            .getRecords();
    for (CSVRecord r : records) {
      String year = r.get(0).strip();
      if (year.isEmpty()) {
        continue;
      }
      String catalogue = (int) Double.parseDouble(year) >= 2026 ? "rnid2026" : "idm2015";
      String subtype = r.get("Subtipo de delito");
      if (!regrouping.knows(catalogue, subtype)) {
        out.add(file.getFileName() + " " + catalogue + ": " + subtype);
      }
    }
    return List.copyOf(out);
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }
}
