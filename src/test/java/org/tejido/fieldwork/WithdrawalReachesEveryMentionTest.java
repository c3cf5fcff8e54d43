package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Conflict;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A participant named in a field diary that is not theirs: after their withdrawal, the diary no
 * longer names them — not in the raw words the team reads, not in the de-identified words, not in
 * its title, not in a dump of the database — while a neighbour who only shares their first name is
 * left as written.
 */
@TejidoTest
class WithdrawalReachesEveryMentionTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  // The one who withdraws. Fictional, and unique to this test.
  private static final String NAME = "Zebulón Quintanar Ybarra";
  private static final String ALIAS = "el Güero Quintanar";
  private static final String CONTACT = "443 555 0199, zebulon.q@correo.example";

  // A neighbour who shares only his first name, also a participant.
  private static final String NEIGHBOUR = "Zebulón Martínez Díaz";

  private static final String DIARY_TITLE = "Diario de campo: visita a Zebulón Quintanar Ybarra";
  private static final String DIARY =
      """
      Hoy fuimos a la tienda de ZEBULON QUINTANAR YBARRA, junto al kínder.
      Zebulón Quintanar nos dijo que a él todos le dicen el güero quintanar desde niño.
      Dejó su número, +52 (443) 555-0199, y su correo Zebulon.Q@correo.example por si hay taller.
      Los Quintanar Ybarra tienen la tienda desde hace veinte años.
      Después llegó Zebulón Martínez Díaz, el de la carnicería, y habló del retén.
      Al salir, Zebulón nos pidió que no pusiéramos nada de la tienda.
      """;

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Withdrawals withdrawals;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired MockMvc mvc;

  private Site site;
  private Person coordinator;
  private Participant zebulon;
  private Participant neighbour;
  private UUID diary;

  @BeforeEach
  void aDiaryNamingTwoParticipants() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    zebulon = register(new Identity(NAME, ALIAS, CONTACT));
    neighbour = register(new Identity(NEIGHBOUR, null, "443 555 0777"));
    diary = sources.add(site, new NewSource(null, "field_diary", DIARY_TITLE, DIARY, "typed"));
  }

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  @Test
  void aWithdrawnParticipantsNameIsGoneFromADiaryThatMentionedThem() {
    // A reviewer unticked every proposal: the de-identified words still name him too.
    deidentification.apply(site, diary, List.of());
    assertThat(rawText()).contains("ZEBULON QUINTANAR YBARRA");
    assertThat(cleanText()).contains("Zebulón Quintanar");

    withdrawals.withdraw(site, zebulon.id());

    for (String text : List.of(rawText(), cleanText(), sources.get(site, diary).title())) {
      assertThat(text)
          .doesNotContainIgnoringCase("Quintanar")
          .doesNotContainIgnoringCase("Ybarra")
          .doesNotContainIgnoringCase("güero")
          .doesNotContain("0199")
          .doesNotContainIgnoringCase("zebulon.q");
    }
    assertThat(rawText())
        .contains("Hoy fuimos a la tienda de [retirado], junto al kínder.")
        .contains("su número, [retirado], y su correo [retirado] por si")
        .contains("Los [retirado] tienen la tienda")
        // The neighbour who shares only a first name is untouched, and a lone first name stays.
        .contains("Después llegó Zebulón Martínez Díaz, el de la carnicería")
        .contains("Al salir, Zebulón nos pidió");
    assertThat(cleanText()).contains("Después llegó Zebulón Martínez Díaz");
    assertThat(sources.get(site, diary).title()).isEqualTo("Diario de campo: visita a [retirado]");
    assertThat(participants.identity(site, neighbour.id()).orElseThrow().name())
        .isEqualTo(NEIGHBOUR);

    // The audit says how many, never what.
    AuditEntry withdrawn = lastEntry("participant.withdrawn");
    assertThat(withdrawn.subject()).isEqualTo(zebulon.code());
    assertThat(withdrawn.detail()).startsWith("mentions-redacted=").doesNotContain("Zebul");

    // A dump taken once the vault is closed (its caches dropped) holds none of it.
    vaults.lock(site);
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(
            dump.findAll(
                List.of(
                    NAME,
                    "Quintanar",
                    "QUINTANAR",
                    "Ybarra",
                    "Güero",
                    "555 0199",
                    "555-0199",
                    "zebulon.q",
                    "Zebulon.Q")))
        .as("the withdrawn participant in a dump")
        .isEmpty();
  }

  @Test
  void formatOnePartsAreRedactedToo() {
    LegacyParts.toFormat1(jdbc, sources, site, diary);
    deidentification.apply(site, diary, List.of());

    withdrawals.withdraw(site, zebulon.id());

    assertThat(
            jdbc.sql("select distinct format from source_part where source_id = ?")
                .param(diary)
                .query(Short.class)
                .list())
        .containsExactly((short) 1);
    assertThat(rawText()).doesNotContainIgnoringCase("Quintanar").contains("[retirado]");
    assertThat(cleanText()).doesNotContainIgnoringCase("Quintanar").contains("[retirado]");
    assertThat(rawText()).contains("Zebulón Martínez Díaz");
  }

  @Test
  void theReviewListsEachMentionWithContextAndLeavesLoneNamesAndOtherPeopleUnselected() {
    WithdrawalReview review = withdrawals.review(site, zebulon.id());

    assertThat(review.mentions())
        .filteredOn(Mention::mandatory)
        .extracting(Mention::text)
        .contains(
            "ZEBULON QUINTANAR YBARRA",
            "el güero quintanar",
            "+52 (443) 555-0199",
            "Zebulon.Q@correo.example");
    assertThat(review.mentions())
        .filteredOn(m -> m.text().equals("Zebulón Quintanar"))
        .allSatisfy(m -> assertThat(m.preselected()).isTrue());
    // "Zebulón" alone, and inside the neighbour's name: listed, not selected.
    assertThat(review.mentions())
        .filteredOn(m -> m.text().equals("Zebulón"))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.preselected()).isFalse())
        .anySatisfy(m -> assertThat(m.otherParticipant()).isEqualTo(neighbour.code()));
    assertThat(review.mentions())
        .filteredOn(m -> m.text().equals("ZEBULON QUINTANAR YBARRA"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.place()).isEqualTo(Mention.Place.RAW);
              assertThat(m.before()).endsWith("la tienda de ");
              assertThat(m.after()).startsWith(", junto al kínder.");
            });
    assertThat(review.mentions()).extracting(Mention::place).contains(Mention.Place.SOURCE_TITLE);
    // Nothing changed by looking.
    assertThat(rawText()).contains("ZEBULON QUINTANAR YBARRA", "Al salir, Zebulón nos pidió");
  }

  @Test
  void theCoordinatorConfirmsOnThePageAndMayRedactALoneFirstName() throws Exception {
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key() + "/fieldwork/participants/" + zebulon.id();
    String page =
        mvc.perform(get(base + "/withdraw").session(session))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("ZEBULON QUINTANAR YBARRA").contains("name=\"reviewed\"");
    fixtures.actAs(coordinator);

    WithdrawalReview review = withdrawals.review(site, zebulon.id());
    String lone =
        review.mentions().stream()
            .filter(m -> m.text().equals("Zebulón") && m.otherParticipant() == null)
            .findFirst()
            .orElseThrow()
            .id();
    Set<String> proposed =
        review.mentions().stream()
            .filter(m -> m.preselected() && !m.mandatory())
            .map(Mention::id)
            .collect(Collectors.toSet());

    // A confirmation given on another list of mentions is refused, and changes nothing.
    var stale =
        mvc.perform(
                post(base + "/withdraw")
                    .session(session)
                    .with(csrf())
                    .param("confirm", zebulon.code())
                    .param("reviewed", "0123456789abcdef0123456789abcdef"))
            .andReturn()
            .getResponse();
    assertThat(stale.getStatus()).isEqualTo(422);
    assertThat(stale.getContentAsString()).contains("Las menciones cambiaron");
    fixtures.actAs(coordinator);
    assertThat(participants.list(site)).extracting(Participant::id).contains(zebulon.id());

    var request =
        post(base + "/withdraw")
            .session(session)
            .with(csrf())
            .param("confirm", zebulon.code().toLowerCase())
            .param("reviewed", review.fingerprint())
            .param("redact", lone);
    proposed.forEach(id -> request.param("redact", id));
    var done = mvc.perform(request).andReturn().getResponse();
    assertThat(done.getStatus()).isEqualTo(302);
    fixtures.actAs(coordinator);

    assertThat(rawText())
        .contains("Al salir, [retirado] nos pidió")
        .contains("Después llegó Zebulón Martínez Díaz");
  }

  @Test
  void aWithdrawalWithTheVaultLockedIsRefusedAndChangesNothing() throws Exception {
    vaults.lock(site);

    assertThatThrownBy(() -> withdrawals.withdraw(site, zebulon.id()))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("fieldwork.withdraw.vault-locked"));

    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key() + "/fieldwork/participants/" + zebulon.id();
    var page = mvc.perform(get(base + "/withdraw").session(session)).andReturn().getResponse();
    assertThat(page.getStatus()).isEqualTo(409);
    assertThat(page.getContentAsString()).contains("la bóveda debe estar abierta");
    var posted =
        mvc.perform(
                post(base + "/withdraw")
                    .session(session)
                    .with(csrf())
                    .param("confirm", zebulon.code())
                    .param("reviewed", "0123456789abcdef0123456789abcdef"))
            .andReturn()
            .getResponse();
    assertThat(posted.getStatus()).isEqualTo(422);
    assertThat(posted.getContentAsString()).contains("No se cambió nada").doesNotContain("ZEBULON");

    fixtures.actAs(coordinator);
    vaults.unlock(site, PASSPHRASE);
    assertThat(participants.list(site)).extracting(Participant::id).contains(zebulon.id());
    assertThat(participants.identity(site, zebulon.id()).orElseThrow().name()).isEqualTo(NAME);
    assertThat(rawText()).contains("ZEBULON QUINTANAR YBARRA");
    assertThat(sources.get(site, diary).title()).isEqualTo(DIARY_TITLE);
    assertThat(entries("participant.withdrawn")).isEmpty();
  }

  @Test
  void readingTheGazetteerPageIsAuditedOncePerView() throws Exception {
    deidentification.addToGazetteer(site, "la Huerta", "PLACE");
    deidentification.addToGazetteer(site, "Chabela Rentería", "PERSON");
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String path = "/manage/sites/" + site.key() + "/fieldwork/gazetteer";

    for (int i = 0; i < 2; i++) {
      var page = mvc.perform(get(path).session(session)).andReturn().getResponse();
      assertThat(page.getContentAsString()).contains("Chabela Rentería");
    }
    fixtures.actAs(coordinator);

    assertThat(entries("gazetteer.read"))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.actorId()).isEqualTo(coordinator.id().value());
              assertThat(e.subject()).isEqualTo(site.key());
              assertThat(e.detail()).isEqualTo("entries=2");
            });
  }

  @Test
  void aGazetteerEntryNamingTheParticipantIsRemovedWithThem() {
    deidentification.addToGazetteer(site, "Zebulón Quintanar Ybarra", "PERSON");
    deidentification.addToGazetteer(site, "la Huerta", "PLACE");

    withdrawals.withdraw(site, zebulon.id());

    assertThat(deidentification.gazetteer(site))
        .extracting(org.tejido.deidentification.GazetteerEntry::term)
        .containsExactly("la Huerta");
  }

  private Participant register(Identity identity) {
    return participants.register(
        site,
        new NewParticipant("adult_men", "man", "45_59", "mestizo", "Colonia Centro", identity));
  }

  private String rawText() {
    return sources.raw(site, diary).stream()
        .map(SourceTurn::text)
        .collect(Collectors.joining("\n"));
  }

  private String cleanText() {
    return sources.deidentified(site, diary).stream()
        .map(SourceTurn::text)
        .collect(Collectors.joining("\n"));
  }

  private List<AuditEntry> entries(String action) {
    return audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  private AuditEntry lastEntry(String action) {
    return entries(action).get(0);
  }
}
