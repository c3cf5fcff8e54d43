package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.safety.internal.Escalations;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** Places stay sealed, out of logs and audit, and within their site. */
@TejidoTest
class SafetyPrivacyTest {

  private static final String PLACE = "Barranca del Zopilote junto a la presa";
  private static final String COMPANION = "Leocadia Barragán";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired SafeFieldwork safety;
  @Autowired Escalations escalations;
  @Autowired org.tejido.safety.internal.SafetyStore store;
  @Autowired JdbcClient jdbc;

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void thePlaceNeverReachesTheLogsTheAuditOrTheDatabaseInClear(CapturedOutput output)
      throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, member);
    String base = "/manage/sites/" + site.key() + "/safety";
    mvc.perform(
        post(base + "/check-in")
            .param("where", PLACE)
            .param("withWhom", COMPANION)
            .param("returnAt", "23:59")
            .session(session)
            .with(csrf()));
    String page =
        mvc.perform(get(base).session(session)).andReturn().getResponse().getContentAsString();
    assertThat(page).contains(PLACE);

    UUID trip =
        jdbc.sql("select id from safety_trip where site_id = ?")
            .param(site.id().value())
            .query(UUID.class)
            .single();
    // Past the alert time: the escalation runs and logs what it does.
    escalations.tripDue(trip, Instant.now().plusSeconds(2 * 86400));
    mvc.perform(post(base + "/panic").session(session).with(csrf()));
    MockHttpSession coordinating = fixtures.signIn(mvc, coordinator);
    String dashboard =
        mvc.perform(get(base + "/dashboard").session(coordinating))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(dashboard).contains(PLACE).contains(COMPANION);

    assertThat(output.getAll()).doesNotContain(PLACE).doesNotContain("Zopilote");
    assertThat(output.getAll()).doesNotContain(COMPANION);
    List<String> audit =
        jdbc.sql("select coalesce(subject, '') || ' ' || coalesce(detail, '') from audit_entry")
            .query(String.class)
            .list();
    assertThat(String.join("\n", audit)).doesNotContain("Zopilote").doesNotContain("Leocadia");
    byte[] plan =
        jdbc.sql("select plan from safety_trip where id = ?")
            .param(trip)
            .query(byte[].class)
            .single();
    assertThat(new String(plan, StandardCharsets.ISO_8859_1)).doesNotContain("Zopilote");
  }

  @Test
  void resolvedTripsAndAlertsAreDeletedAfterTheRetentionPeriodAndOpenOnesAreKept() {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    StaffMember her = new StaffMember(member.id(), member.username(), member.username(), false);
    fixtures.actAs(member);
    safety.checkIn(site, her, PLACE, COMPANION, Instant.now().plusSeconds(3600));
    safety.panic(site, her);
    UUID alert =
        jdbc.sql("select id from safety_alert where site_id = ?")
            .param(site.id().value())
            .query(UUID.class)
            .single();
    fixtures.actAs(coordinator);
    StaffMember coordinating = new StaffMember(coordinator.id(), "c", "c", false);
    safety.acknowledge(site, coordinating, alert);
    safety.resolve(site, coordinating, alert, "Llegó bien");
    fixtures.actAsNobody();

    store.deleteResolvedBefore(Instant.now().minus(java.time.Duration.ofDays(30)));
    assertThat(rows("safety_trip", site)).isEqualTo(1);
    assertThat(rows("safety_alert", site)).isEqualTo(1);

    store.deleteResolvedBefore(Instant.now().plus(java.time.Duration.ofDays(1)));
    assertThat(rows("safety_trip", site)).isZero();
    assertThat(rows("safety_alert", site)).isZero();
  }

  private int rows(String table, Site site) {
    return jdbc.sql("select count(*) from " + table + " where site_id = ?")
        .param(site.id().value())
        .query(Integer.class)
        .single();
  }

  @Test
  void anotherSitesAlertIsNotFound() throws Exception {
    Site mine = fixtures.freshSite();
    Site theirs = fixtures.freshSite();
    Person coordinator = fixtures.withRole(mine.key(), SiteRole.COORDINATOR);
    Person elsewhere = fixtures.withRole(theirs.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(elsewhere);
    safety.panic(
        theirs, new StaffMember(elsewhere.id(), elsewhere.username(), elsewhere.username(), false));
    UUID theirAlert =
        jdbc.sql("select id from safety_alert where site_id = ?")
            .param(theirs.id().value())
            .query(UUID.class)
            .single();
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + mine.key() + "/safety/alerts/" + theirAlert;
    assertThat(
            mvc.perform(post(base + "/acknowledge").session(session).with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
    assertThat(
            mvc.perform(post(base + "/resolve").param("note", "x").session(session).with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
    assertThat(
            jdbc.sql("select acknowledged_at is null from safety_alert where id = ?")
                .param(theirAlert)
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
