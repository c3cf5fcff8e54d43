package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.agenda.Domain;
import org.tejido.agenda.ReferenceData;
import org.tejido.analysis.internal.HumanSecurityCodebook;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** The codebook a site starts with, editing it, and coding the de-identified text of a source. */
@TejidoTest
class CodebookAndCodingTest {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;
  @Autowired Memos memos;
  @Autowired HumanSecurityCodebook seed;
  @Autowired ReferenceData reference;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void aNewSiteStartsWithTheHumanSecurityCodebookAndSeedingAgainChangesNothing() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER));

    List<CodeNode> tree = codebook.tree(site);
    assertThat(tree.get(0).code().name().es()).isEqualTo("Dominios de la seguridad humana");
    assertThat(tree.get(0).code().codable()).isFalse();
    List<String> domains =
        tree.stream()
            .filter(n -> tree.get(0).code().id().equals(n.code().parentId()))
            .map(n -> n.code().name().en())
            .toList();
    assertThat(domains)
        .containsExactlyElementsOf(
            reference.domains().stream().map(Domain::name).map(n -> n.en()).toList());
    assertThat(AnalysisFixtures.names(codebook, site))
        .contains(
            "Homicidio",
            "Desaparición",
            "Desplazamiento forzado",
            "Abuso policial",
            "Prisión",
            "Iglesias",
            "Temas silenciados",
            "Agencia y resiliencia");
    assertThat(tree)
        .filteredOn(n -> n.code().name().es().equals("Homicidio"))
        .first()
        .extracting(CodeNode::depth)
        .isEqualTo(2);

    assertThat(seed.seed(site.id().value())).isFalse();
    assertThat(codebook.tree(site)).hasSameSizeAs(tree);
  }

  @Test
  void everySiteAtStartUpHasACodebook() {
    assertThat(
            jdbc.sql(
                    // Given once: a site may since have emptied it on purpose (see
                    // CodebookGivenOnceTest), but none was left without.
                    "select count(*) from site s where not exists"
                        + " (select 1 from analysis_codebook_given g where g.site_id = s.id)")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aSelectionIsCodedInCodePointsAndReadBackAsItsWords() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    SourceTurn second = sources.deidentified(f.site(), f.source()).get(1);
    String text = second.text();
    int start = text.codePointCount(0, text.indexOf("robos"));
    // "robos en la calle 🙁": the emoji is one code point but two UTF-16 units.
    int end = start + "robos en la calle 🙁".codePointCount(0, "robos en la calle 🙁".length());
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID calle = AnalysisFixtures.codeNamed(codebook, f.site(), "Calle");

    List<UUID> ids =
        codings.apply(f.site(), f.source(), second.position(), start, end, List.of(robo, calle));

    assertThat(ids).hasSize(2);
    assertThat(codings.segments(f.site(), robo, false))
        .extracting(Segment::quote)
        .containsExactly("robos en la calle 🙁");
    int length = text.codePointCount(0, text.length());
    assertThatThrownBy(
            () ->
                codings.apply(
                    f.site(), f.source(), second.position(), 0, length + 1, List.of(robo)))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("analysis.coding.span");
    assertThatThrownBy(() -> codings.apply(f.site(), f.source(), 99, 0, 1, List.of(robo)))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(
            () -> codings.apply(f.site(), f.source(), second.position(), 5, 5, List.of(robo)))
        .isInstanceOf(BadRequest.class);
    // The span ending at the very last code point is inside the text.
    assertThat(
            codings.apply(
                f.site(), f.source(), second.position(), length - 1, length, List.of(robo)))
        .hasSize(1);
  }

  @Test
  void applyingTheSameCodeToTheSameSpanTwiceLeavesOneCoding() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID first = codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo)).get(0);
    UUID again = codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo)).get(0);
    assertThat(again).isEqualTo(first);
    assertThat(codings.segments(f.site(), robo, true)).hasSize(1);
  }

  @Test
  void eachCoderSeesHerOwnCodingsUnlessSheAsksForEveryonesAndRemovesOnlyHers() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID mine = codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo)).get(0);
    Person other = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(other);
    codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo));

    assertThat(codings.segments(f.site(), robo, false)).hasSize(1).allMatch(Segment::mine);
    assertThat(codings.segments(f.site(), robo, true)).hasSize(2);
    assertThatThrownBy(() -> codings.remove(f.site(), f.source(), mine))
        .isInstanceOf(Forbidden.class);
    fixtures.actAs(f.coordinator());
    codings.remove(f.site(), f.source(), mine);
    assertThat(codings.segments(f.site(), robo, true)).hasSize(1).noneMatch(Segment::mine);
  }

  @Test
  void mergingACodeMovesItsCodingsAndIsAudited() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID extorsion = AnalysisFixtures.codeNamed(codebook, f.site(), "Extorsión");
    codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo, extorsion));
    codings.apply(f.site(), f.source(), 2, 5, 9, List.of(robo));

    // Into itself, or into a folder: refused, nothing lost.
    assertThatThrownBy(() -> codebook.merge(f.site(), robo, robo)).isInstanceOf(BadRequest.class);
    UUID nonLethal = AnalysisFixtures.codeNamed(codebook, f.site(), "Violencia no letal");
    assertThatThrownBy(() -> codebook.merge(f.site(), robo, nonLethal))
        .isInstanceOf(BadRequest.class);
    assertThat(codings.segments(f.site(), robo, true)).hasSize(2);

    int moved = codebook.merge(f.site(), robo, extorsion);

    assertThat(moved).isEqualTo(1);
    assertThat(codings.segments(f.site(), extorsion, true)).hasSize(2);
    assertThat(AnalysisFixtures.names(codebook, f.site())).doesNotContain("Robo");
    assertThat(
            jdbc.sql(
                    "select detail from audit_entry where site_id = ? and action ="
                        + " 'analysis.code.merged' and subject = ?")
                .params(f.site().id().value(), robo.toString())
                .query(String.class)
                .single())
        .startsWith("into " + extorsion);
  }

  @Test
  void aCodeWithCodingsIsNotDeletedAndOneWithoutIs() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    codings.apply(f.site(), f.source(), 2, 0, 4, List.of(robo));
    assertThatThrownBy(() -> codebook.delete(f.site(), robo))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("analysis.code.has-codings");
    UUID iglesias = AnalysisFixtures.codeNamed(codebook, f.site(), "Iglesias");
    codebook.delete(f.site(), iglesias);
    assertThat(AnalysisFixtures.names(codebook, f.site())).doesNotContain("Iglesias");
  }

  @Test
  void aCodeCannotMoveInsideItsOwnSubcode() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID violence = AnalysisFixtures.codeNamed(codebook, f.site(), "Tipos de violencia");
    UUID lethal = AnalysisFixtures.codeNamed(codebook, f.site(), "Violencia letal");
    assertThatThrownBy(
            () ->
                codebook.update(
                    f.site(),
                    violence,
                    new CodeInput("Tipos de violencia", "Types", "", "#b91c1c", false, lethal)))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.fieldErrors()).containsKey("parentId"));
  }

  @Test
  void anotherSitesCodesSourcesAndCodingsAreNotFound() {
    AnalysisFixtures mine =
        AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID myRobo = AnalysisFixtures.codeNamed(codebook, mine.site(), "Robo");
    UUID myCoding = codings.apply(mine.site(), mine.source(), 2, 0, 4, List.of(myRobo)).get(0);
    AnalysisFixtures theirs =
        AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID theirRobo = AnalysisFixtures.codeNamed(codebook, theirs.site(), "Robo");

    // Their coordinator, at their site, with ids of mine.
    assertThatThrownBy(
            () -> codings.apply(theirs.site(), theirs.source(), 2, 0, 4, List.of(myRobo)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> codings.apply(theirs.site(), mine.source(), 2, 0, 4, List.of(theirRobo)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> codings.segments(theirs.site(), myRobo, true))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> codings.remove(theirs.site(), mine.source(), myCoding))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> codebook.merge(theirs.site(), theirRobo, myRobo))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                codebook.add(
                    theirs.site(), new CodeInput("Nuevo", "New", "", "#123456", true, myRobo)))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.fieldErrors()).containsKey("parentId"));
  }

  @Test
  void aMemoIsSealedAtRestAndReadBack() {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID id = memos.add(f.site(), Memo.MemoTarget.SOURCE, f.source(), "Dice «hay robos» otra vez");
    assertThat(memos.of(f.site(), Memo.MemoTarget.SOURCE, f.source()))
        .extracting(Memo::text)
        .containsExactly("Dice «hay robos» otra vez");
    byte[] stored =
        jdbc.sql("select sealed_text from analysis_memo where id = ?")
            .param(id)
            .query(byte[].class)
            .single();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("robos");
  }

  @Test
  void theObservatoryHasNoAccess() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.OBSERVATORY));
    assertThatThrownBy(() -> codebook.tree(site)).isInstanceOf(Forbidden.class);
  }
}
