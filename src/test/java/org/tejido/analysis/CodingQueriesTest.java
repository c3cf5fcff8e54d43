package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.analysis.CodingQueries.Attribute;
import org.tejido.analysis.CodingQueries.CellRef;
import org.tejido.analysis.CodingQueries.Measure;
import org.tejido.analysis.CodingQueries.Table;
import org.tejido.analysis.CodingQueries.Together;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Frequency, matrix and co-occurrence over a small corpus, checked against counts the test makes
 * itself from the codings it applied (not with the application's SQL); the quotes behind a cell;
 * small cells; search that ignores accents and never shows a source not ready for analysis.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class CodingQueriesTest {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Participants participants;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;
  @Autowired CodingQueries queries;
  @Autowired org.springframework.test.web.servlet.MockMvc mvc;

  /** A coding as the test applied it, with what the test knows of its speaker and source. */
  record Applied(
      UUID source, String kind, Integer turn, int start, int end, UUID code, Participant speaker) {}

  private Site site;
  private Person coordinator;
  private Person researcher;
  private UUID robo;
  private UUID extorsion;
  private UUID abuso;
  private UUID raw;
  private final List<Applied> applied = new ArrayList<>();
  private final Map<String, Participant> people = new HashMap<>();

  @BeforeAll
  void corpus() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    researcher = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    fixtures.actAs(coordinator);
    vaults.create(site, AnalysisFixtures.PASSPHRASE);
    vaults.unlock(site, AnalysisFixtures.PASSPHRASE);
    people.put("ana", register("women", "woman"));
    people.put("bety", register("women", "woman"));
    people.put("carla", register("women", "non_binary"));
    people.put("dani", register("youth", "man"));
    robo = AnalysisFixtures.codeNamed(codebook, site, "Robo");
    extorsion = AnalysisFixtures.codeNamed(codebook, site, "Extorsión");
    abuso = AnalysisFixtures.codeNamed(codebook, site, "Abuso policial");

    UUID one =
        ready(
            "transcript",
            "Facilitadora: ¿Qué pasa en la colonia?\n"
                + code("ana")
                + ": Hay robos en la calle y extorsión de los comercios.\n"
                + code("dani")
                + ": La policía abusa de los chavos.");
    UUID two =
        ready(
            "workshop_notes",
            code("bety")
                + ": Robaron en la escuela otra vez.\n"
                + code("ana")
                + ": Nos EXTORSIONAN por el agua.\n"
                + code("carla")
                + ": Robos y más robos cerca del mercado.");
    UUID diary = ready("field_diary", "La extorsión se nota en la colonia del mercado.");
    fixtures.actAs(coordinator);
    raw =
        sources.add(
            site,
            new NewSource(
                null, "transcript", "Sin revisar", "Extorsión sin desidentificar aún.", "typed"));

    // Coordinator's codings.
    apply(coordinator, one, "ana", "robos en la calle y extorsión", robo);
    apply(coordinator, one, "ana", "extorsión", extorsion);
    apply(coordinator, one, "dani", "policía abusa", abuso);
    apply(coordinator, one, "dani", "chavos", robo);
    apply(coordinator, two, "bety", "Robaron", robo);
    apply(coordinator, two, "ana", "EXTORSIONAN", extorsion);
    apply(coordinator, two, "carla", "Robos y más robos", robo);
    apply(coordinator, diary, null, "extorsión", extorsion);
    // A second coder, independently.
    apply(researcher, one, "ana", "robos", robo);
    apply(researcher, two, "carla", "más robos", extorsion);
    fixtures.actAsNobody();
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void frequencyCountsEachCodeInEachKindOfSourceAsTheCorpusHoldsIt() {
    fixtures.actAs(researcher);
    Table table = queries.frequency(site, Measure.SEGMENTS);
    for (UUID code : List.of(robo, extorsion, abuso)) {
      for (String kind : CodingQueries.KINDS) {
        long expected =
            applied.stream().filter(a -> a.code.equals(code) && a.kind.equals(kind)).count();
        assertThat(table.cell(code, kind).count()).as("%s in %s", code, kind).isEqualTo(expected);
      }
      assertThat(table.cell(code, CodingQueries.ALL).count())
          .isEqualTo(applied.stream().filter(a -> a.code.equals(code)).count());
    }
    Table bySource = queries.frequency(site, Measure.SOURCES);
    assertThat(bySource.cell(robo, CodingQueries.ALL).count())
        .isEqualTo(distinct(applied, a -> a.code.equals(robo), a -> a.source));
  }

  @Test
  void matrixCountsSegmentsSourcesAndPeopleByTheSpeakersAttributeAndCountsNoSpeakerApart() {
    fixtures.actAs(coordinator);
    for (Measure measure : Measure.values()) {
      Table table = queries.matrix(site, Attribute.POPULATION_GROUP, measure);
      for (UUID code : List.of(robo, extorsion, abuso)) {
        for (String group : List.of("women", "youth", "elderly", CodingQueries.NO_PARTICIPANT)) {
          List<Applied> inCell =
              applied.stream()
                  .filter(a -> a.code.equals(code) && group.equals(groupOf(a)))
                  .toList();
          long expected =
              switch (measure) {
                case SEGMENTS -> inCell.size();
                case SOURCES -> inCell.stream().map(Applied::source).distinct().count();
                case PARTICIPANTS ->
                    inCell.stream()
                        .filter(a -> a.speaker != null)
                        .map(a -> a.speaker.id())
                        .distinct()
                        .count();
              };
          assertThat(table.cell(code, group).count())
              .as("%s × %s (%s)", code, group, measure)
              .isEqualTo(expected);
        }
      }
    }
    // The diary's whole text has no speaker: its coding is in the column apart.
    assertThat(
            queries
                .matrix(site, Attribute.POPULATION_GROUP, Measure.SEGMENTS)
                .cell(extorsion, CodingQueries.NO_PARTICIPANT)
                .count())
        .isEqualTo(1);
    assertThat(queries.matrix(site, Attribute.GENDER, Measure.SEGMENTS).cell(robo, "woman").count())
        .isEqualTo(
            applied.stream()
                .filter(
                    a ->
                        a.code.equals(robo)
                            && a.speaker != null
                            && a.speaker.gender().equals("woman"))
                .count());
  }

  @Test
  void cellsWithFewerThanThreePeopleAreFlaggedAndOthersAreNot() {
    fixtures.actAs(coordinator);
    Table table = queries.matrix(site, Attribute.POPULATION_GROUP, Measure.SEGMENTS);
    // Robbery among women: Ana, Bety and Carla.
    assertThat(table.cell(robo, "women").participants()).isEqualTo(3);
    assertThat(table.cell(robo, "women").small()).isFalse();
    // Police abuse among youth: Dani alone.
    assertThat(table.cell(abuso, "youth").participants()).isEqualTo(1);
    assertThat(table.cell(abuso, "youth").small()).isTrue();
    assertThat(table.cell(abuso, "elderly").small()).isFalse();
  }

  @Test
  void cooccurrenceCountsOverlappingPairsAndSharedTurnsAsTheCorpusHoldsThem() {
    fixtures.actAs(coordinator);
    Table overlap = queries.cooccurrence(site, Together.OVERLAP, Measure.SEGMENTS);
    Table turn = queries.cooccurrence(site, Together.TURN, Measure.SEGMENTS);
    for (UUID a : List.of(robo, extorsion, abuso)) {
      for (UUID b : List.of(robo, extorsion, abuso)) {
        if (a.equals(b)) {
          continue;
        }
        long pairs = 0;
        Set<String> turns = new HashSet<>();
        for (Applied x : applied) {
          for (Applied y : applied) {
            if (!x.code.equals(a)
                || !y.code.equals(b)
                || !x.source.equals(y.source)
                || !java.util.Objects.equals(x.turn, y.turn)) {
              continue;
            }
            if (x.start < y.end && y.start < x.end) {
              pairs++;
            }
            if (x.turn != null) {
              turns.add(x.source + "/" + x.turn);
            }
          }
        }
        assertThat(overlap.cell(a, b.toString()).count())
            .as("overlap %s × %s", a, b)
            .isEqualTo(pairs);
        assertThat(turn.cell(a, b.toString()).count())
            .as("turn %s × %s", a, b)
            .isEqualTo(turns.size());
      }
    }
    assertThat(overlap.cell(robo, extorsion.toString()).count()).isGreaterThan(0);
  }

  @Test
  void theQuotesBehindACellAreTheWordsItCounts() {
    fixtures.actAs(coordinator);
    List<String> women =
        queries
            .quotes(site, new CellRef("matrix", robo, "women", Attribute.POPULATION_GROUP, null), 1)
            .segments()
            .stream()
            .map(Segment::quote)
            .toList();
    assertThat(women)
        .containsExactlyInAnyOrder(
            "robos en la calle y extorsión", "robos", "Robaron", "Robos y más robos");
    List<String> youth =
        queries
            .quotes(site, new CellRef("matrix", robo, "youth", Attribute.POPULATION_GROUP, null), 1)
            .segments()
            .stream()
            .map(Segment::quote)
            .toList();
    assertThat(youth).containsExactly("chavos");
    List<String> overlapping =
        queries
            .quotes(
                site,
                new CellRef("cooccurrence", robo, extorsion.toString(), null, Together.OVERLAP),
                1)
            .segments()
            .stream()
            .map(Segment::quote)
            .toList();
    assertThat(overlapping)
        .containsExactlyInAnyOrder("robos en la calle y extorsión", "Robos y más robos");
    assertThat(
            queries
                .quotes(site, new CellRef("frequency", extorsion, "field_diary", null, null), 1)
                .segments())
        .extracting(Segment::quote)
        .containsExactly("extorsión");
  }

  @Test
  void anotherSitesCodeHasNoQuotesHereAndAStrangerRunsNoQuery() {
    Site other = fixtures.freshSite();
    Person stranger = fixtures.withRole(other.key(), SiteRole.COORDINATOR);
    fixtures.actAs(stranger);
    assertThatThrownBy(
            () ->
                queries.quotes(
                    other, new CellRef("frequency", robo, CodingQueries.ALL, null, null), 1))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> queries.matrix(site, Attribute.GENDER, Measure.SEGMENTS))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> queries.search(site, "robos", 1)).isInstanceOf(Forbidden.class);
  }

  @Test
  void searchIgnoresCaseAndAccentsAndShowsTheWordsAround() {
    fixtures.actAs(researcher);
    CodingQueries.SearchResults results = queries.search(site, "EXTORSION", 1);
    assertThat(results.hits())
        .extracting(CodingQueries.SearchHit::match)
        .containsExactlyInAnyOrder("extorsión", "EXTORSION", "extorsión");
    assertThat(results.hits())
        .filteredOn(h -> h.match().equals("EXTORSION"))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.before()).endsWith("Nos ");
              assertThat(h.after()).startsWith("AN por el agua");
            });
    assertThat(queries.search(site, "policia", 1).total()).isEqualTo(1);
    // "robos" begins words only: "Robos", "robos" (twice) — not inside another word.
    assertThat(queries.search(site, "robos", 1).total()).isEqualTo(3);
  }

  @Test
  void searchNeverShowsASourceNotReadyForAnalysis() {
    fixtures.actAs(coordinator);
    CodingQueries.SearchResults results = queries.search(site, "sin desidentificar", 1);
    assertThat(results.total()).isZero();
    assertThat(queries.search(site, "extorsión", 1).hits())
        .extracting(CodingQueries.SearchHit::source)
        .doesNotContain(raw);
  }

  @Test
  void codingEveryHitCodesEachOfThemAsTheSignedInPerson() {
    Site fresh = fixtures.freshSite();
    Person coder = fixtures.withRole(fresh.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coder);
    vaults.create(fresh, AnalysisFixtures.PASSPHRASE);
    vaults.unlock(fresh, AnalysisFixtures.PASSPHRASE);
    UUID s =
        sources.add(
            fresh,
            new NewSource(
                null, "transcript", "Taller", "mucha extorsión 🙁 y más extorsión.", "typed"));
    deidentification.acceptAll(fresh, s);
    UUID code = AnalysisFixtures.codeNamed(codebook, fresh, "Extorsión");

    assertThat(queries.codeAllHits(fresh, "extorsion", code)).isEqualTo(2);

    assertThat(codings.segments(fresh, code, false))
        .extracting(Segment::quote)
        .containsExactly("extorsión", "extorsión");
    assertThatThrownBy(() -> queries.codeAllHits(fresh, "  ", code)).isInstanceOf(BadRequest.class);
  }

  @Test
  void theMatrixAsCsvHoldsLabelsAndCountsAndNoQuote() throws Exception {
    var session = fixtures.signIn(mvc, coordinator);
    String csv =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/manage/sites/" + site.key() + "/analysis/queries/matrix.csv")
                    .session(session))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).startsWith("Código,Mujeres,Jóvenes,");
    long robos =
        applied.stream().filter(a -> a.code.equals(robo) && "women".equals(groupOf(a))).count();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Robo," + robos + ","));
    assertThat(csv).doesNotContain("robos en la calle").doesNotContain("EXTORSIONAN");
  }

  // ---- the corpus ----

  private Participant register(String group, String gender) {
    return participants.register(
        site, new NewParticipant(group, gender, "30_44", "mestizo", "Centro", null));
  }

  private String code(String who) {
    return people.get(who).code();
  }

  private final Map<UUID, String> kinds = new HashMap<>();

  private UUID ready(String kind, String text) {
    fixtures.actAs(coordinator);
    UUID id = sources.add(site, new NewSource(null, kind, "Fuente " + kind, text, "typed"));
    deidentification.acceptAll(site, id);
    kinds.put(id, kind);
    return id;
  }

  /**
   * Codes the first place of {@code words} in the turn spoken by {@code who} (null: whole text).
   */
  private void apply(Person coder, UUID source, String who, String words, UUID code) {
    fixtures.actAs(coder);
    List<SourceTurn> turns = sources.deidentified(site, source);
    Participant speaker = who == null ? null : people.get(who);
    Integer turn = null;
    String text;
    if (speaker == null) {
      text =
          String.join(
              Codings.WHOLE_SOURCE_SEPARATOR, turns.stream().map(SourceTurn::text).toList());
    } else {
      SourceTurn t =
          turns.stream()
              .filter(x -> speaker.id().equals(x.participantId()))
              .findFirst()
              .orElseThrow();
      turn = t.position();
      text = t.text();
    }
    int at = text.indexOf(words);
    assertThat(at).as("%s in %s", words, text).isGreaterThanOrEqualTo(0);
    int start = text.codePointCount(0, at);
    int end = start + words.codePointCount(0, words.length());
    codings.apply(site, source, turn, start, end, List.of(code));
    applied.add(new Applied(source, kinds.get(source), turn, start, end, code, speaker));
  }

  private static String groupOf(Applied a) {
    return a.speaker == null ? CodingQueries.NO_PARTICIPANT : a.speaker.populationGroup();
  }

  private static long distinct(
      List<Applied> list,
      java.util.function.Predicate<Applied> keep,
      java.util.function.Function<Applied, Object> key) {
    return list.stream().filter(keep).map(key).distinct().count();
  }
}
