package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.participation.PrioritisationSessions;
import org.tejido.participation.VotingMethod;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** A resident on a 360 × 740 phone types her code, says her group and places her dots. */
@TejidoTest
class ResidentVotesOnAPhoneBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired PrioritisationSessions sessions;
  @Autowired JdbcClient jdbc;

  @Test
  void sheVotesWithHerCodeAndTheCodeCannotVoteAgain() throws Exception {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    editing.startDraft(site);
    for (String t : List.of("Alumbrado público", "Robos en el transporte", "Basura")) {
      editing.addIssue(site, new IssueInput(t, t, null, null, List.of("personal"), false));
    }
    UUID session =
        sessions.create(
            site,
            "Asamblea de la colonia",
            VotingMethod.DOTS,
            3,
            PrioritisationSessions.Source.DRAFT);
    sessions.open(site, session);
    String code = sessions.generateCodes(site, session, 1).get(0);
    String ref = sessions.get(site, session).issues().get(1).ref();
    fixtures.actAsNobody();

    Page page =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale("es-MX")
                    .setViewportSize(360, 740)
                    .setDeviceScaleFactor(2)
                    .setIsMobile(true)
                    .setHasTouch(true))
            .newPage();
    page.navigate("/vote");
    assertThat(page.locator("h1")).hasText("Prioriza las problemáticas de tu colonia");
    page.locator("#code").fill(code.toLowerCase().replace("-", " "));
    page.locator("form button[type=submit]").tap();
    assertThat(page.locator("h1")).hasText("Asamblea de la colonia");
    assertNoHorizontalScroll(page);
    assertAccessible(page, "the resident's ballot");
    page.locator("input[name=group][value=elderly]").check();
    page.locator("#mark-" + ref).fill("3");
    screenshot(page, "vote-ballot-phone-360-es.png");
    page.locator("form button[type=submit]").tap();
    assertThat(page.locator(".notice"))
        .hasText("Tu voto quedó contado. Puedes cerrar esta página.");

    page.navigate("/vote?lang=en");
    page.locator("#code").fill(code);
    page.locator("form button[type=submit]").tap();
    assertThat(page.locator(".error-summary")).containsText("This code cannot vote");
    screenshot(page, "vote-used-code-phone-360-en.png");
    Assertions.assertThat(
            jdbc.sql("select count(*) from prioritisation_ballot where session_id = ?")
                .param(session)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private static void screenshot(Page page, String file) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
  }
}
