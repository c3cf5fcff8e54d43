package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.participation.ResidentValidation;
import org.tejido.participation.ValidationResponse;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.ValidationRounds;
import org.tejido.participation.Verdict;
import org.tejido.participation.VoterGroup;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * The agenda goes back to the neighbourhood before its next version: residents answer a validation
 * round, the coordinator publishes version 2 in the browser, and the public page shows both
 * versions, how many took part in validating it, and what changed, word by word.
 */
@TejidoTest
class ValidatedVersionBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired org.tejido.agenda.Agendas agendas;
  @Autowired ValidationRounds rounds;
  @Autowired ResidentValidation residents;

  @Test
  void aCoordinatorPublishesVersionTwoAfterAValidationRoundAndThePublicSeesWhatChanged() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    editing.addIssue(
        site,
        new IssueInput(
            "Asaltos en la parada del camión",
            "Muggings at the bus stop",
            null,
            null,
            List.of("personal"),
            false));
    editing.publish(site);
    editing.startDraft(site);
    UUID round = rounds.create(site, "Taller en el salón ejidal");
    String code = rounds.generateCodes(site, round, 1).get(0);
    ValidationRound.Item item = rounds.get(site, round).issues().get(0);
    fixtures.actAsNobody();
    residents.submit(
        code,
        new ValidationResponse(
            VoterGroup.WOMEN,
            List.of(
                new ValidationResponse.Comment(
                    item.kind(), item.ref(), Verdict.CHANGE, "También pasa en la noche"))),
        "198.51.100.23");
    fixtures.actAs(coordinator);
    // The draft's copy of the published issue.
    UUID draftIssue = agendas.draftForTeam(site).orElseThrow().issues().get(0).id();
    editing.updateIssue(
        site,
        draftIssue,
        new IssueInput(
            "Asaltos en la parada del camión de noche",
            "Muggings at the bus stop at night",
            null,
            null,
            List.of("personal"),
            false));
    fixtures.actAsNobody();

    Page page = newPage("es-MX");
    signIn(page, coordinator);
    page.navigate("/manage/sites/" + site.key() + "/agenda");
    page.getByText("Publicar…", new Page.GetByTextOptions().setExact(true)).click();
    page.getByRole(AriaRole.BUTTON, name("Sí, publicar")).click();
    assertThat(page.locator(".notice")).hasText("Publicaste la versión 2.");

    Page visitor = newPage("es-MX");
    visitor.navigate("/sites/" + site.key() + "/agenda");
    assertThat(
            visitor.getByText(
                "Validada con la comunidad en una ronda, con una persona participante."))
        .isVisible();
    visitor.getByRole(AriaRole.LINK, name("Qué cambió desde la versión 1")).click();
    visitor.waitForURL("**/sites/" + site.key() + "/agenda/changes?from=1&to=2");
    assertThat(visitor.locator("main ins").first()).containsText("de noche");
    visitor.screenshot(
        new Page.ScreenshotOptions()
            .setPath(java.nio.file.Path.of("target/screenshots/agenda-changes-es.png"))
            .setFullPage(true));
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }
}
