package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.identity.SiteRole;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.ValidationRounds;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * A resident on a 360 × 740 phone follows her card's link, says what she thinks of the draft, and
 * the coordinator reads her comment on her own phone.
 */
@TejidoTest
class ResidentValidatesOnAPhoneBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired ValidationRounds rounds;

  @Test
  void sheCommentsWithHerCardsLinkAndTheCoordinatorReadsIt() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID lighting =
        editing.addIssue(
            site,
            new IssueInput(
                "Alumbrado público", "Street lighting", null, null, List.of("personal"), false));
    editing.addIssue(
        site, new IssueInput("Extorsión", "Extortion", null, null, List.of("personal"), true));
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", "Lámparas en la cancha", "Lamps at the pitch", List.of(lighting)));
    UUID round = rounds.create(site, "Taller de validación");
    String code = rounds.generateCodes(site, round, 1).get(0);
    ValidationRound.Item item = rounds.get(site, round).issues().get(0);
    fixtures.actAsNobody();

    Page page = phone("es-MX");
    page.navigate("/validate#" + code);
    // The link's code is in the field and gone from the address bar.
    assertThat(page.locator("#code")).hasValue(code);
    org.assertj.core.api.Assertions.assertThat(page.url()).doesNotContain(code);
    page.locator("form button[type=submit]").tap();
    assertThat(page.locator("h1")).hasText("Taller de validación");
    assertThat(page.locator("main")).not().containsText("Extorsión");
    assertNoHorizontalScroll(page);
    assertAccessible(page, "the resident's comments form");
    page.locator("input[name=group][value=women]").check();
    page.locator("input[name='v." + item.field() + "'][value=change]").check();
    page.locator("#t-" + item.field().replace(".", "\\.")).fill("Falta la calle del canal");
    screenshot(page, "validate-form-phone-360-es.png");
    page.locator("form button[type=submit]").last().tap();
    assertThat(page.locator("h1")).hasText("Gracias");

    Page staff = phone("en-GB");
    signIn(staff, coordinator);
    staff.navigate("/manage/sites/" + site.key() + "/validation/" + round + "?lang=en");
    assertThat(staff.locator("main")).containsText("Falta la calle del canal");
    assertThat(staff.locator("main")).containsText("1 resident responded");
    assertNoHorizontalScroll(staff);
    assertAccessible(staff, "a validation round's comments");
    screenshot(staff, "validation-round-phone-360-en.png");

    // The engagement log: recorded by the team, read by the public.
    staff.navigate("/manage/sites/" + site.key() + "/engagement");
    staff.locator("#heldOn").fill("2026-03-02");
    staff.locator("input[name=kind][value=authorities]").check();
    staff.locator("#attendees").fill("Cabildo: regidora de seguridad");
    staff.locator("#presented").fill("The draft agenda and its proposals");
    staff.locator("main form button[type=submit]").first().tap();
    assertThat(staff.locator(".notice")).hasText("Event recorded.");
    assertAccessible(staff, "the engagement log");
    screenshot(staff, "engagement-phone-360-en.png");
    page.navigate("/sites/" + site.key() + "/engagement");
    assertThat(page.locator("main")).containsText("Cabildo: regidora de seguridad");
    assertNoHorizontalScroll(page);
    assertAccessible(page, "the public engagement log");
    screenshot(page, "engagement-public-phone-360-es.png");
  }

  private Page phone(String locale) {
    return newContext(
            new Browser.NewContextOptions()
                .setLocale(locale)
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true))
        .newPage();
  }

  private static void screenshot(Page page, String file) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
  }
}
