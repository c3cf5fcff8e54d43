package org.tejido.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** The engagement log: what the team records and what the public reads. */
@TejidoTest
class EngagementLogTest {

  @Autowired Fixtures fixtures;
  @Autowired EngagementLog log;
  @Autowired MockMvc mvc;

  private final ObjectMapper json = new ObjectMapper();
  private Site site;
  private Person coordinator;

  @BeforeEach
  void site() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private static EngagementLog.Entry dialogue(String attendees) {
    return new EngagementLog.Entry(
        LocalDate.of(2026, 2, 12),
        EngagementKind.AUTHORITIES,
        attendees,
        "La agenda, versión 1, y sus propuestas al municipio",
        "Mesa de seguimiento cada tres meses",
        "https://example.org/minuta");
  }

  @Test
  void anEventNeedsADateAKindAttendeesAndWhatWasPresentedAndOnlyAWebLink() {
    fixtures.actAs(coordinator);
    BadRequest empty =
        catchBadRequest(
            () -> log.add(site, new EngagementLog.Entry(null, null, " ", null, null, null)));
    assertThat(empty.fieldErrors()).containsKeys("heldOn", "kind", "attendees", "presented");
    for (String link : List.of("javascript:alert(1)", "ftp://example.org/x", "https://")) {
      assertThat(
              catchBadRequest(
                      () ->
                          log.add(
                              site,
                              new EngagementLog.Entry(
                                  LocalDate.of(2026, 1, 1),
                                  EngagementKind.MEDIA,
                                  "Radio",
                                  "La agenda",
                                  null,
                                  link)))
                  .fieldErrors())
          .as(link)
          .containsEntry("link", "engagement.link.invalid");
    }
    assertThat(
            catchBadRequest(
                    () ->
                        log.add(
                            site,
                            new EngagementLog.Entry(
                                LocalDate.now().plusDays(30),
                                EngagementKind.MEDIA,
                                "Radio",
                                "La agenda",
                                null,
                                null)))
                .fieldErrors())
        .containsEntry("heldOn", "engagement.date.future");
  }

  @Test
  void theObservatoryWritesTheCommunityResearcherReadsAndOtherSitesIdsAreNotFound() {
    Person observatory = fixtures.withRole(site.key(), SiteRole.OBSERVATORY);
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(observatory);
    UUID id = log.add(site, dialogue("Cabildo: regidora de seguridad"));
    fixtures.actAs(community);
    assertThat(log.forTeam(site)).extracting(EngagementEvent::id).containsExactly(id);
    assertThatThrownBy(() -> log.add(site, dialogue("Cabildo"))).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> log.remove(site, id)).isInstanceOf(Forbidden.class);

    Site other = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(other.key(), SiteRole.COORDINATOR));
    assertThatThrownBy(() -> log.remove(other, id)).isInstanceOf(NotFound.class);
    fixtures.actAs(coordinator);
    assertThat(log.forTeam(site)).hasSize(1);
  }

  @Test
  void thePublicPageAndApiShowTheLogAtOnceAndNothingAboutWhoWroteIt() throws Exception {
    String page = "/sites/" + site.key() + "/engagement";
    String api = "/api/v1/sites/" + site.key() + "/engagement";
    // Read (and kept by the page cache) before the event exists.
    assertThat(mvc.perform(get(page)).andReturn().getResponse().getContentAsString())
        .doesNotContain("regidora");
    assertThat(mvc.perform(get(api)).andReturn().getResponse().getContentAsString())
        .doesNotContain("regidora");

    fixtures.actAs(coordinator);
    log.add(site, dialogue("Cabildo: regidora de seguridad"));
    fixtures.actAsNobody();

    String html = mvc.perform(get(page)).andReturn().getResponse().getContentAsString();
    assertThat(html)
        .contains("Cabildo: regidora de seguridad", "Mesa de seguimiento")
        .doesNotContain(coordinator.username());
    JsonNode body =
        json.readTree(mvc.perform(get(api)).andReturn().getResponse().getContentAsString());
    JsonNode event = body.get("events").get(0);
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder("date", "kind", "attendees", "presented", "agreed", "link");
    assertThat(event.get("kind").asText()).isEqualTo("authorities");
    assertThat(body.toString()).doesNotContain(coordinator.username());
    String csv =
        mvc.perform(get(api + "?format=csv")).andReturn().getResponse().getContentAsString();
    assertThat(csv).startsWith("\uFEFFdate,kind,attendees,presented,agreed,link");
    assertThat(csv).contains("2026-02-12,authorities,Cabildo: regidora de seguridad");
  }

  @Test
  void theTeamRecordsAnEventThroughItsPageAndABadFormKeepsWhatWasTyped() throws Exception {
    var session = fixtures.signIn(mvc, coordinator);
    var refused =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/engagement")
                    .session(session)
                    .with(csrf())
                    .param("heldOn", "2026-02-30")
                    .param("kind", "workshop")
                    .param("attendees", "Escuela secundaria: directora"))
            .andReturn()
            .getResponse();
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString()).contains("Escuela secundaria: directora");
    var saved =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/engagement")
                    .session(session)
                    .with(csrf())
                    .param("heldOn", "2026-02-20")
                    .param("kind", "workshop")
                    .param("attendees", "Escuela secundaria: directora")
                    .param("presented", "Las propuestas para jóvenes"))
            .andReturn()
            .getResponse();
    assertThat(saved.getStatus()).isEqualTo(302);
    assertThat(
            mvc.perform(get("/manage/sites/" + site.key() + "/engagement").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("Las propuestas para jóvenes");
  }

  @Test
  void aReaderWhoSendsTheFormIsRefusedBeforeItIsRead() throws Exception {
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    var session = fixtures.signIn(mvc, community);
    assertThat(
            mvc.perform(
                    post("/manage/sites/" + site.key() + "/engagement")
                        .session(session)
                        .with(csrf())
                        .param("heldOn", "not a date"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
  }

  private static BadRequest catchBadRequest(Runnable action) {
    try {
      action.run();
    } catch (BadRequest e) {
      return e;
    }
    throw new AssertionError("expected a BadRequest");
  }
}
