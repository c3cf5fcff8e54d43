package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.identity.SiteRole;
import org.tejido.indicators.IndicatorImports;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.internal.Observatory;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * An observatory member records a Mesa session with a commitment, and progress from both sources,
 * through the staff pages; the public tracker then shows the two statuses side by side, and the
 * recommendation's page draws the municipality's chart.
 */
@TejidoTest
class TrackerBrowserTest extends BrowserTestSupport {

  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired Sites sites;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired Observatory observatory;
  @Autowired IndicatorImports imports;

  @Test
  void whatTheMemberRecordsShowsOnThePublicTrackerWithTheChart() throws Exception {
    imports.load(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("conapo_total_excerpt.csv"), null);
    Site leon =
        sites.register(
            new NewSite(
                "leon-" + UUID.randomUUID().toString().substring(0, 8),
                "León",
                "Guanajuato",
                "11020",
                "Centro",
                SiteStatus.ACTIVE,
                null,
                new LocalizedText(null, null)));
    Person member = fixtures.withRole(leon.key(), SiteRole.OBSERVATORY);
    RecommendationId r = tracked(leon, member);
    String staff = "/manage/sites/" + leon.key() + "/observatory";

    Page page = newPage("es-MX");
    signIn(page, member);
    page.navigate(staff + "/sessions");
    page.locator("#heldOn").fill("2026-01-20");
    page.locator("input[name=attendees]").first().check();
    page.locator("#minutes").fill("Se acordó reparar el alumbrado");
    page.locator("main form.stacked button[type=submit]").click();
    page.waitForURL("**/sessions/*");
    page.locator("#institution")
        .selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
    page.locator("#what").fill("Cambiar 30 lámparas");
    page.locator("#dueOn").fill("2026-02-01");
    page.locator("input[name=recommendations]").first().check();
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator("main")).containsText("Cambiar 30 lámparas");
    for (String[] update :
        List.of(
            new String[] {"official", "implemented", "100"},
            new String[] {"community", "partly_implemented", "40"})) {
      page.navigate(staff + "/recommendations/" + r);
      page.locator("input[name=source][value=" + update[0] + "]").check();
      page.locator("#status").selectOption(update[1]);
      page.locator("#progress").fill(update[2]);
      page.locator("#reportedOn").fill("2026-03-01");
      page.locator("#evidence").fill("Recorrido " + update[0]);
      page.locator("main form.stacked button[type=submit]").click();
      assertThat(page.locator("p.notice")).isVisible();
    }
    // The community's evidence waits for a member's review; she publishes it.
    assertThat(page.locator("main")).containsText("Evidencia retenida: solo el equipo la ve");
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("observatory-recommendation-held-evidence-es.png")));
    page.locator("button", new Page.LocatorOptions().setHasText("Publicar la evidencia")).click();
    assertThat(page.locator("p.notice")).containsText("La evidencia ya es pública");

    Page visitor =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale("es-MX")
                    .setViewportSize(390, 844)
                    .setIsMobile(true))
            .newPage();
    visitor.navigate("/sites/" + leon.key());
    visitor.locator("a[href$='/tracker']").first().click();
    var card = visitor.locator("#r-1");
    assertThat(card).containsText("Implementada · 100 %");
    assertThat(card).containsText("Implementada en parte · 40 %");
    assertThat(card).containsText("1 compromiso vencido");
    card.locator("h3 a").click();
    assertThat(visitor.locator(".side-official")).containsText("Implementada · 100 %");
    assertThat(visitor.locator(".side-community")).containsText("Implementada en parte · 40 %");
    assertThat(visitor.locator(".side-community")).containsText("Recorrido community");
    assertThat(visitor.locator("main")).containsText("Cambiar 30 lámparas");
    var chart = visitor.locator("#indicator-homicidio-doloso [data-indicator-chart]");
    assertThat(chart).hasAttribute("data-drawn", "true");
    visitor.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("tracker-recommendation-phone-es.png")));
  }

  /** A published proposal, an institution and a recommendation, set up as the member. */
  private RecommendationId tracked(Site site, Person member) {
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    try {
      editing.startDraft(site);
      UUID issue =
          editing.addIssue(
              site, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
      editing.addProposal(
          site, new ProposalInput("authorities", "Más alumbrado", "More lighting", List.of(issue)));
      editing.publish(site);
    } finally {
      fixtures.actAsNobody();
    }
    UUID proposal = agendas.latestPublished(site).orElseThrow().proposals().get(0).id();
    fixtures.actAs(member);
    try {
      var institution =
          observatory.addInstitution(
              site,
              new Observatory.InstitutionInput(
                  "Secretaría de Obras", "municipal", "government", ""));
      return observatory.addRecommendation(
          site,
          new Observatory.RecommendationInput(
              "Instalar alumbrado en la colonia",
              "Install lighting in the neighbourhood",
              "authorities",
              List.of(institution.toString()),
              List.of("personal"),
              List.of("16.1"),
              "5",
              "2026-01-01",
              "2026-06-30",
              List.of(proposal.toString())));
    } finally {
      fixtures.actAsNobody();
    }
  }
}
