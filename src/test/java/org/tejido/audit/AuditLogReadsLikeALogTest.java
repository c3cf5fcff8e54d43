package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The audit log names what entries are about (a source by its title, a participant by their code, a
 * member of staff by their name, never an id), says what machine-written details mean in the
 * reader's language, and is not itself written to by being read.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class AuditLogReadsLikeALogTest {

  private static final String PASSPHRASE = "una frase secreta para la bitácora";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Participants participants;
  @Autowired Activities activities;
  @Autowired org.tejido.identity.UserAccounts accounts;

  private Site site;
  private Person coordinator;
  private Person researcher;
  private MockHttpSession coordinatorSession;
  private MockHttpSession adminSession;
  private UUID source;
  private UUID activity;
  private String code;

  @BeforeAll
  void setUp() throws Exception {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    researcher = fixtures.person("rocio");
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    code =
        participants
            .register(
                site,
                new NewParticipant(
                    "women",
                    "woman",
                    "30_44",
                    "mestizo",
                    "Centro",
                    new Identity("Zoila Pineda Lara", null, null)))
            .code();
    source =
        sources.add(
            site,
            new NewSource(
                null,
                "transcript",
                "Entrevista en la plaza",
                "Hoy hablamos de la calle.",
                "typed"));
    activity =
        activities.create(
            site,
            new NewActivity(
                "workshop",
                LocalDate.now(),
                "Taller de mujeres del barrio",
                List.of("women"),
                List.of(coordinator.id().value()),
                List.of()));
    fixtures.actAsNobody();
    accounts.assign(researcher.id(), site.id(), SiteRole.RESEARCHER);
    // A participant who withdrew: their code is gone, the entry keeps it.
    audit.record(
        site.id().value(),
        "participant.withdrawn",
        "ZZZ-999",
        "mentions-redacted=2 mentions-kept=1");
    coordinatorSession = fixtures.signIn(mvc, coordinator);
    adminSession = fixtures.signIn(mvc, fixtures.administrator());
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private String page(String path, MockHttpSession session, String lang) throws Exception {
    return mvc.perform(
            get(path).session(session).accept("text/html").header("Accept-Language", lang))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private String siteLog(String lang) throws Exception {
    return page("/manage/sites/" + site.key() + "/audit", coordinatorSession, lang);
  }

  @Test
  void showsASourcesTitleAndAParticipantsCodeInsteadOfTheirIds() throws Exception {
    String html = siteLog("es");
    assertThat(html)
        .contains("Entrevista en la plaza", "Taller de mujeres del barrio", code)
        .contains("Fuente", "Actividad", "Participante")
        .contains("Test rocio")
        .doesNotContain(source.toString(), activity.toString(), researcher.id().toString());
  }

  @Test
  void aSubjectThatNoLongerExistsShowsItsStoredReference() throws Exception {
    assertThat(siteLog("es")).contains(">ZZZ-999<");
  }

  @Test
  void detailsAreTranslatedIntoSpanish() throws Exception {
    assertThat(siteLog("es"))
        .contains("Rol: Investigación")
        .contains("Menciones ocultadas: 2; Menciones conservadas: 1")
        .contains("Transcripción")
        .contains("Taller; Participantes: 0")
        .doesNotContain("role=researcher", "mentions-redacted=", "participants=0");
  }

  @Test
  void detailsAreTranslatedIntoEnglish() throws Exception {
    assertThat(siteLog("en"))
        .contains("Role: Research", "Mentions hidden: 2; Mentions kept: 1", "Source", "Participant")
        .contains("Entrevista en la plaza")
        .doesNotContain("role=researcher", source.toString());
  }

  @Test
  void theAdministratorsLogNamesAccountsAndLinksThem() throws Exception {
    String html = page("/admin/audit", adminSession, "es");
    assertThat(html)
        .contains("Persona del equipo", "Test rocio")
        .contains("href=\"/admin/users/" + researcher.id().value() + "\"")
        .doesNotContain(">user:" + researcher.id().value() + "<");
  }

  @Test
  void lookingAtTheLogAddsNoEntry() throws Exception {
    long before = last();
    siteLog("es");
    siteLog("en");
    page("/manage/sites/" + site.key() + "/audit?before=" + before, coordinatorSession, "es");
    page("/admin/audit", adminSession, "es");
    assertThat(last()).isEqualTo(before);
  }

  private long last() {
    return jdbc.sql("select coalesce(max(sequence), 0) from audit_entry")
        .query(Long.class)
        .single();
  }
}
