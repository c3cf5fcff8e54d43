package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class AuditLogPageTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  private Site site;
  private Site other;
  private MockHttpSession coordinator;
  private MockHttpSession researcher;
  private MockHttpSession otherCoordinator;

  @BeforeAll
  void setUp() throws Exception {
    site = fixtures.freshSite();
    other = fixtures.freshSite();
    Person coordinatorPerson = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    // Role grants are audited under the site: give them before the entries the pages count.
    Person researcherPerson = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    fixtures.actAs(coordinatorPerson);
    audit.record(site.id().value(), "vault.unlock", "PAGE-000", "revisión semanal");
    fixtures.actAsNobody();
    for (int i = 1; i <= 54; i++) {
      audit.record(site.id().value(), "participant.identity.read", "PAGE-%03d".formatted(i), null);
    }
    audit.record(site.id().value(), "custom.unlabelled-action", "PAGE-055", null);
    audit.record(other.id().value(), "vault.unlock", "OTHER-SITE-001", "de otro sitio");
    coordinator = fixtures.signIn(mvc, coordinatorPerson);
    researcher = fixtures.signIn(mvc, researcherPerson);
    otherCoordinator = fixtures.signIn(mvc, fixtures.withRole(other.key(), SiteRole.COORDINATOR));
  }

  private MockHttpServletResponse page(String query, MockHttpSession session, String lang)
      throws Exception {
    var request =
        get("/manage/sites/" + site.key() + "/audit" + query)
            .accept("text/html")
            .header("Accept-Language", lang);
    if (session != null) {
      request.session(session);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private static String body(MockHttpServletResponse response) throws Exception {
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theCoordinatorSeesTheNewestFiftyEntriesOfTheSiteUnderAnIntactChain() throws Exception {
    MockHttpServletResponse response = page("", coordinator, "es");
    assertThat(response.getStatus()).isEqualTo(200);
    String html = body(response);
    assertThat(html).containsPattern("Cadena íntegra: [0-9.]+ entradas verificadas");
    assertThat(html).contains("PAGE-055", "custom.unlabelled-action", "PAGE-006");
    assertThat(html).doesNotContain(">PAGE-005<", ">PAGE-000<", "Volver a las más recientes");
    assertThat(html)
        .contains("Consultó la identidad de una persona participante", "Tejido (sistema)");
    assertThat(html).doesNotContain("OTHER-SITE-001", "de otro sitio");
    assertThat(html).contains("Entradas anteriores");

    long oldestShown = audit.forSite(site.id().value(), 50, Long.MAX_VALUE).get(49).sequence();
    String older = body(page("?before=" + oldestShown, coordinator, "es"));
    assertThat(older)
        .contains(">PAGE-005<", ">PAGE-000<", "Abrió la bóveda", "Test coordinator")
        .contains("revisión semanal", "Volver a las más recientes")
        .doesNotContain(">PAGE-006<", "OTHER-SITE-001", "Entradas anteriores");
  }

  @Test
  void inEnglish() throws Exception {
    String html = body(page("", coordinator, "en"));
    assertThat(html)
        .contains("Chain intact:", "entries verified", "Read the identity of a participant")
        .contains("Older entries", "Tejido (system)");
  }

  @Test
  void otherPeopleAreRefused() throws Exception {
    assertThat(page("", researcher, "es").getStatus()).isEqualTo(403);
    assertThat(page("", otherCoordinator, "es").getStatus()).isEqualTo(403);
    MockHttpServletResponse anonymous = page("", null, "es");
    assertThat(anonymous.getStatus()).isEqualTo(302);
    assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
  }

  @Test
  void theOtherSitesCoordinatorSeesOnlyTheirOwnEntries() throws Exception {
    var response =
        mvc.perform(
                get("/manage/sites/" + other.key() + "/audit")
                    .accept("text/html")
                    .session(otherCoordinator))
            .andReturn()
            .getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(body(response)).contains("OTHER-SITE-001").doesNotContain("PAGE-0");
  }

  @Test
  void aBrokenChainIsAnnounced() throws Exception {
    long sequence = audit.forSite(site.id().value(), 1, Long.MAX_VALUE).get(0).sequence();
    // The request runs in this thread, inside this transaction, which is rolled back.
    String html =
        new TransactionTemplate(transactions)
            .execute(
                status -> {
                  try {
                    jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only")
                        .update();
                    jdbc.sql("update audit_entry set subject = 'PAGE-XXX' where sequence = ?")
                        .param(sequence)
                        .update();
                    return body(page("", coordinator, "es"));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  } finally {
                    status.setRollbackOnly();
                  }
                });
    assertThat(html).contains("¡La cadena está rota en la entrada " + sequence + "!");
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void theTeamPageLinksToTheLogForCoordinatorsOnly() throws Exception {
    String link = "/manage/sites/" + site.key() + "/audit";
    String team = "/manage/sites/" + site.key() + "/agenda";
    assertThat(
            mvc.perform(get(team).session(coordinator))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .contains(link);
    assertThat(
            mvc.perform(get(team).session(researcher))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .doesNotContain(link);
  }

  @Test
  void aBadPageParameterIsABadRequest() throws Exception {
    assertThat(page("?before=abc", coordinator, "es").getStatus()).isEqualTo(400);
    assertThat(page("?before=" + UUID.randomUUID(), coordinator, "es").getStatus()).isEqualTo(400);
  }

  @Test
  void theAdministratorSeesTheEntriesAboutNoSiteNewestFirstWithTheirNavigation() throws Exception {
    Person admin = fixtures.administrator();
    MockHttpSession session = fixtures.signIn(mvc, admin);
    for (int i = 1; i <= 52; i++) {
      audit.record(null, "backup.created", "ACCOUNT-%03d".formatted(i), null);
    }
    audit.record(fixtures.freshSite().id().value(), "vault.unlock", "SITE-ONLY-001", null);

    var response =
        mvc.perform(
                get("/admin/audit")
                    .accept("text/html")
                    .header("Accept-Language", "es")
                    .session(session))
            .andReturn()
            .getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    String html = body(response);
    assertThat(html)
        .contains("Bitácora de las cuentas del equipo", "Hizo un respaldo", ">ACCOUNT-052<")
        .containsPattern("Cadena íntegra: [0-9.]+ entradas verificadas")
        .contains("href=\"/admin/audit\"", "Entradas anteriores")
        .doesNotContain("SITE-ONLY-001", ">ACCOUNT-002<");
    assertThat(html.indexOf(">ACCOUNT-052<")).isLessThan(html.indexOf(">ACCOUNT-051<"));

    long oldestShown = audit.withoutSite(50, Long.MAX_VALUE).get(49).sequence();
    String older =
        body(
            mvc.perform(
                    get("/admin/audit?before=" + oldestShown)
                        .accept("text/html")
                        .header("Accept-Language", "en")
                        .session(session))
                .andReturn()
                .getResponse());
    assertThat(older)
        .contains("Audit log of staff accounts", "Made a backup", ">ACCOUNT-002<")
        .contains("Back to the newest")
        .doesNotContain(">ACCOUNT-052<", "SITE-ONLY-001");
    // The administrator's own sign-in, just before, by account id and linked to the account.
    assertThat(older)
        .contains("Signed in (how)")
        .contains("href=\"/admin/users/" + admin.id().value() + "\"");
  }

  @Test
  void theAccountLogIsTheAdministratorsOnly() throws Exception {
    for (MockHttpSession session : new MockHttpSession[] {coordinator, researcher}) {
      assertThat(
              mvc.perform(get("/admin/audit").accept("text/html").session(session))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(403);
    }
  }
}
