package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Field staff correct an activity (who was present included) with the same rules as when it was
 * recorded, find a participant's activities and sources on their page, and see on the fieldwork
 * home each participant's consent and which sources still wait to be anonymised.
 */
@TejidoTest
class ActivitiesAndAttendanceTest {

  private static final String PASSPHRASE = "la frase larga de la coordinación de campo";
  private static final String NAME = "Filomena Arreola Quintanar";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Activities activities;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Vaults vaults;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  record Field(Site site, Person coordinator, Participant ana, Participant bea, UUID activity) {
    String path(String rest) {
      return "/manage/sites/" + site.key() + "/fieldwork" + rest;
    }
  }

  /** A site with its vault, two participants (the first with a name in the vault), an activity. */
  private Field field() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    Participant ana =
        participants.register(
            site,
            new NewParticipant(
                "women", "woman", "30_44", "mestizo", null, new Identity(NAME, "La Filo", null)));
    Participant bea =
        participants.register(
            site, new NewParticipant("youth", "woman", "18_29", "indigenous", null, null));
    UUID activity =
        activities.create(
            site,
            new NewActivity(
                "workshop",
                LocalDate.now().minusDays(3),
                "Taller de la plaza",
                List.of("women"),
                List.of(coordinator.id().value()),
                List.of(ana.id())));
    fixtures.actAsNobody();
    return new Field(site, coordinator, ana, bea, activity);
  }

  /**
   * The sources section of the fieldwork home (the person's own diary entries are listed apart).
   */
  private static String sourcesSection(String home) {
    int start = home.indexOf("id=\"sources-heading\"");
    int end = home.indexOf("id=\"activities-heading\"", start);
    assertThat(start).as("the sources section").isNotNegative();
    return home.substring(start, end < 0 ? home.length() : end);
  }

  private String page(MockHttpSession session, String path, int expected) throws Exception {
    return mvc.perform(get(path).session(session).locale(Locale.forLanguageTag("es")))
        .andExpect(status().is(expected))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void anActivityIsEditedFromItsPageAttendanceIncludedAndTheChangeIsAudited() throws Exception {
    Field f = field();
    Person researcher = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, researcher);

    String activityPage = page(session, f.path("/activities/" + f.activity()), 200);
    assertThat(activityPage).contains("href=\"" + f.path("/activities/" + f.activity() + "/edit"));

    String form = page(session, f.path("/activities/" + f.activity() + "/edit"), 200);
    assertThat(form)
        .contains("Editar la actividad", "value=\"Taller de la plaza\"")
        .contains("action=\"" + f.path("/activities/" + f.activity()) + "\"")
        .containsPattern(checked(f.ana().id().toString()))
        .doesNotContainPattern(checked(f.bea().id().toString()))
        .containsPattern(Pattern.compile("<option value=\"workshop\" selected"));

    mvc.perform(
            post(f.path("/activities/" + f.activity()))
                .session(session)
                .with(csrf())
                .param("kind", "walk")
                .param("heldOn", LocalDate.now().minusDays(2).toString())
                .param("title", "Recorrido por la plaza")
                .param("populationGroups", "women", "youth")
                .param("facilitatorIds", f.coordinator().id().value().toString())
                .param("participantIds", f.bea().id().toString()))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl(f.path("/activities/" + f.activity())));

    String after = page(session, f.path("/activities/" + f.activity()), 200);
    assertThat(after).contains("Recorrido por la plaza", "Recorrido de barrio", f.bea().code());
    assertThat(after).doesNotContain(f.ana().code());

    String detail =
        jdbc.sql(
                "select detail from audit_entry where action = 'activity.changed' and subject = ?"
                    + " and site_id = ? and actor_id = ?")
            .params(f.activity().toString(), f.site().id().value(), researcher.id().value())
            .query(String.class)
            .single();
    assertThat(detail)
        .contains("activity-title", "activity-kind", "activity-attendance", "participants=1")
        .doesNotContain("Recorrido", f.bea().code());

    // The coordinator reads it in the site's log as a sentence, under the activity's title.
    String log =
        page(
            fixtures.signIn(mvc, f.coordinator()), f.path("").replace("/fieldwork", "/audit"), 200);
    assertThat(log)
        .contains("Modificó una actividad", "Recorrido por la plaza")
        .contains("Tipo cambiado; Fecha cambiada; Título cambiado")
        .contains("Asistencia cambiada; Participantes: 1")
        .doesNotContain("activity-title", f.activity().toString());
  }

  @Test
  void anEditWithAnErrorKeepsWhatWasTypedAndTickedAndChangesNothing() throws Exception {
    Field f = field();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    String page =
        mvc.perform(
                post(f.path("/activities/" + f.activity()))
                    .session(session)
                    .with(csrf())
                    .locale(Locale.forLanguageTag("es"))
                    .param("kind", "focus_group")
                    .param("heldOn", LocalDate.now().plusDays(30).toString())
                    .param("title", "Grupo focal corregido")
                    .param("populationGroups", "youth")
                    .param("participantIds", f.ana().id().toString(), f.bea().id().toString()))
            .andExpect(status().is(422))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("id=\"heldOn-error\"", "value=\"Grupo focal corregido\"")
        .contains("action=\"" + f.path("/activities/" + f.activity()) + "\"")
        .containsPattern(Pattern.compile("<option value=\"focus_group\" selected"))
        .containsPattern(checked(f.ana().id().toString()))
        .containsPattern(checked(f.bea().id().toString()))
        .containsPattern(checked("youth"));
    fixtures.actAs(f.coordinator());
    Activity unchanged = activities.get(f.site(), f.activity());
    assertThat(unchanged.title()).isEqualTo("Taller de la plaza");
    assertThat(unchanged.participantCodes()).containsExactly(f.ana().code());
  }

  @Test
  void anotherSitesActivityIsNotFoundAndStaysAsItWas() throws Exception {
    Field mine = field();
    Field theirs = field();
    MockHttpSession session = fixtures.signIn(mvc, mine.coordinator());
    String foreign = mine.path("/activities/" + theirs.activity());

    page(session, foreign + "/edit", 404);
    mvc.perform(
            post(foreign)
                .session(session)
                .with(csrf())
                .param("kind", "walk")
                .param("heldOn", LocalDate.now().toString())
                .param("title", "Cambiado desde otro sitio"))
        .andExpect(status().isNotFound());

    fixtures.actAs(theirs.coordinator());
    assertThat(activities.get(theirs.site(), theirs.activity()).title())
        .isEqualTo("Taller de la plaza");
  }

  @Test
  void anotherSitesParticipantCannotBeMarkedPresent() throws Exception {
    Field mine = field();
    Field theirs = field();
    MockHttpSession session = fixtures.signIn(mvc, mine.coordinator());

    String page =
        mvc.perform(
                post(mine.path("/activities/" + mine.activity()))
                    .session(session)
                    .with(csrf())
                    .param("kind", "workshop")
                    .param("heldOn", LocalDate.now().toString())
                    .param("title", "Taller de la plaza")
                    .param("participantIds", theirs.bea().id().toString()))
            .andExpect(status().is(422))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    // Their participant is not offered (codes may look alike across sites; ids do not).
    assertThat(page)
        .contains("id=\"participants-error\"", mine.bea().id().toString())
        .doesNotContain(theirs.bea().id().toString());
    fixtures.actAs(mine.coordinator());
    assertThat(activities.get(mine.site(), mine.activity()).participantCodes())
        .containsExactly(mine.ana().code());
  }

  @Test
  void rolesWithoutFieldworkCannotOpenOrSendTheEditForm() throws Exception {
    Field f = field();
    Person observatory = fixtures.withRole(f.site().key(), SiteRole.OBSERVATORY);
    MockHttpSession session = fixtures.signIn(mvc, observatory);

    page(session, f.path("/activities/" + f.activity() + "/edit"), 403);
    mvc.perform(
            post(f.path("/activities/" + f.activity()))
                .session(session)
                .with(csrf())
                .param("kind", "walk")
                .param("heldOn", LocalDate.now().toString())
                .param("title", "Cambiado por el observatorio"))
        .andExpect(status().isForbidden());

    fixtures.actAs(f.coordinator());
    assertThat(activities.get(f.site(), f.activity()).title()).isEqualTo("Taller de la plaza");
  }

  @Test
  void whoeverSpeaksInASourceOfTheActivityStaysPresent() throws Exception {
    Field f = field();
    fixtures.actAs(f.coordinator());
    sources.add(
        f.site(),
        new NewSource(
            f.activity(),
            "transcript",
            "Transcripción del taller",
            f.bea().code() + ": En la noche no hay luz.",
            "typed"));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    String form = page(session, f.path("/activities/" + f.activity() + "/edit"), 200);
    assertThat(form)
        .containsPattern(checked(f.bea().id().toString()))
        .contains("habla en una fuente de esta actividad");

    String page =
        mvc.perform(
                post(f.path("/activities/" + f.activity()))
                    .session(session)
                    .with(csrf())
                    .locale(Locale.forLanguageTag("es"))
                    .param("kind", "workshop")
                    .param("heldOn", LocalDate.now().toString())
                    .param("title", "Taller de la plaza")
                    .param("participantIds", f.ana().id().toString()))
            .andExpect(status().is(422))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Quien habla en una fuente de esta actividad estuvo presente");
  }

  @Test
  void thePresentListShowsAliasesOnlyToVaultReadersWithTheVaultOpenAndWorksWithoutScript()
      throws Exception {
    Field f = field();
    fixtures.actAs(f.coordinator());
    vaults.unlock(f.site(), PASSPHRASE);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    Person community = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession communitySession = fixtures.signIn(mvc, community);

    for (String path : List.of("/activities/new", "/activities/" + f.activity() + "/edit")) {
      String form = page(session, f.path(path), 200);
      assertThat(form)
          .contains(f.ana().code(), f.bea().code())
          .contains("name=\"participantIds\"")
          // The filter is shown only by the script; without it the whole list is there.
          .containsPattern(Pattern.compile("<div class=\"picker-filter\" hidden>"))
          // The coordinator, vault open, finds people by alias too; never by name.
          .contains("«La Filo»", "Buscar por código, alias o grupo")
          .doesNotContain(NAME);
      // A role that does not read the vault sees codes only, vault open or not.
      assertThat(page(communitySession, f.path(path), 200))
          .contains(f.ana().code())
          .doesNotContain(NAME, "La Filo");
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entry where action = 'participant.aliases.read'"
                        + " and site_id = ? and actor_id = ?")
                .params(f.site().id().value(), f.coordinator().id().value())
                .query(Long.class)
                .single())
        .isEqualTo(2);

    // Locked again: codes only, for everyone.
    fixtures.actAs(f.coordinator());
    vaults.lock(f.site());
    fixtures.actAsNobody();
    assertThat(page(session, f.path("/activities/new"), 200)).doesNotContain("La Filo", NAME);
  }

  @Test
  void aParticipantsPageListsTheActivitiesAndSourcesOfTheirSiteTheyAppearIn() throws Exception {
    Field f = field();
    fixtures.actAs(f.coordinator());
    UUID source =
        sources.add(
            f.site(),
            new NewSource(
                null,
                "transcript",
                "Charla en la tienda",
                f.ana().code() + ": Aquí seguimos.",
                "typed"));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    String anas = page(session, f.path("/participants/" + f.ana().id()), 200);
    assertThat(anas)
        .contains("Actividades en las que estuvo", "Fuentes en las que habla")
        .contains("href=\"" + f.path("/activities/" + f.activity()) + "\"", "Taller de la plaza")
        .contains("href=\"" + f.path("/sources/" + source) + "\"", "Charla en la tienda");

    String beas = page(session, f.path("/participants/" + f.bea().id()), 200);
    assertThat(beas)
        .contains("Todavía no consta en ninguna actividad.", "Todavía no habla en ninguna fuente.")
        .doesNotContain("Taller de la plaza", "Charla en la tienda");
  }

  @Test
  void theFieldworkHomeShowsConsentAndFiltersTheSourcesWaitingToBeAnonymised() throws Exception {
    Field f = field();
    fixtures.actAs(f.coordinator());
    participants.recordConsent(
        f.site(),
        f.ana().id(),
        new Consent(null, LocalDate.now().minusDays(10), "verbal", true, true, false, "v1"));
    participants.recordConsent(
        f.site(),
        f.bea().id(),
        new Consent(null, LocalDate.now().minusDays(10), "verbal", true, false, false, "v1"));
    participants.recordConsent(
        f.site(),
        f.bea().id(),
        new Consent(null, LocalDate.now().minusDays(1), "recorded", false, false, false, "v1"));
    Participant cata =
        participants.register(
            f.site(), new NewParticipant("women", "woman", "60_plus", "mestizo", null, null));
    UUID raw = diary(f, "Diario sin revisar");
    UUID ready = diary(f, "Diario ya listo");
    UUID flagged = diary(f, "Diario por revisar otra vez");
    fixtures.actAsNobody();
    jdbc.sql("update source set state = 'deidentified' where id = any(?)")
        .param(new UUID[] {ready, flagged})
        .update();
    jdbc.sql("update source set review_requested_at = now() where id = ?").param(flagged).update();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    String home = page(session, f.path(""), 200);
    assertThat(row(home, f.ana().code())).contains("Participar", "Ser citada o citado");
    assertThat(row(home, f.ana().code())).doesNotContain("agendas publicadas");
    assertThat(row(home, f.bea().code())).contains("Retirado");
    assertThat(row(home, cata.code())).contains("Sin consentimiento");
    assertThat(home)
        .contains("Todas (3)", "Por anonimizar (2)")
        .contains("Diario sin revisar", "Diario ya listo", "Diario por revisar otra vez");

    String pending = sourcesSection(page(session, f.path("?sources=pending"), 200));
    assertThat(pending)
        .contains("Diario sin revisar", "Diario por revisar otra vez")
        .doesNotContain("Diario ya listo")
        .containsPattern(Pattern.compile("href=\"[^\"]*sources=pending\" aria-current=\"page\""));
    assertThat(raw).isNotNull();
  }

  @Test
  void withNothingWaitingThePendingFilterSaysSo() throws Exception {
    Field f = field();
    fixtures.actAs(f.coordinator());
    UUID ready = diary(f, "Diario ya listo");
    fixtures.actAsNobody();
    jdbc.sql("update source set state = 'deidentified' where id = ?").param(ready).update();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    assertThat(sourcesSection(page(session, f.path("?sources=pending"), 200)))
        .contains("No hay fuentes por anonimizar.", "Por anonimizar (0)")
        .doesNotContain("Diario ya listo</a>");
  }

  private UUID diary(Field f, String title) {
    return sources.add(
        f.site(), new NewSource(null, "field_diary", title, "Hoy llovió en la colonia.", "typed"));
  }

  /** The participants table's row of one code. */
  private static String row(String page, String code) {
    int at = page.indexOf(">" + code + "</a>");
    assertThat(at).as("row of %s", code).isPositive();
    int end = page.indexOf("</tr>", at);
    return page.substring(at, end);
  }

  /** A checkbox of this value, ticked. */
  private static Pattern checked(String value) {
    return Pattern.compile("value=\"" + Pattern.quote(value) + "\" checked");
  }
}
