package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * On a 390 × 844 phone: forms that fail keep what was typed and ticked, destructive actions ask
 * first and cancelling leaves everything as it was, and the site menu and the inline vault unlock
 * bring the person back to the page they were on. axe-core on every page changed for this.
 */
@TejidoTest
class FormsAndConfirmationsBrowserTest extends BrowserTestSupport {

  static final String PASSPHRASE = "tejemos la agenda entre vecinas";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired AgendaEditing editing;
  @Autowired Deidentification deidentification;

  @Test
  void aParticipantFormThatFailsKeepsIdentityAndConsentScopes() {
    for (String lang : List.of("es", "en")) {
      Site site = siteWithVault().site();
      Person researcher = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
      Page page = phone(lang);
      signIn(page, researcher);
      String fieldwork = "/manage/sites/" + site.key() + "/fieldwork";

      page.navigate(fieldwork + "/participants/new");
      page.locator("#populationGroup").selectOption("women");
      page.locator("#name").fill("Juana Martínez");
      page.locator("#alias").fill("La Güera");
      page.locator("#contact").fill("453 123 4567");
      page.locator("form.stacked button.primary").tap();
      htmxSettled(page);
      assertThat(page.locator("#gender-error")).isVisible();
      assertThat(page.locator("#name")).hasValue("Juana Martínez");
      assertThat(page.locator("#alias")).hasValue("La Güera");
      assertThat(page.locator("#contact")).hasValue("453 123 4567");
      assertThat(page.locator("#populationGroup")).hasValue("women");
      assertAccessible(page, "participant form with errors (" + lang + ")");
      nothingSticksOut(page);
      screenshot(page, "participant-form-error-phone-" + lang + ".png");

      // Finished, it saves.
      page.locator("#gender").selectOption("woman");
      page.locator("#ageBand").selectOption("45_59");
      page.locator("#ethnicity").selectOption("mestizo");
      page.locator("form.stacked button.primary").tap();
      page.waitForURL("**" + fieldwork + "/participants/*");

      // Consent: no method chosen; the scopes come back as they were ticked.
      page.locator("input[name=beQuoted]").check();
      page.locator("input[name=quotedInPublished]").check();
      page.locator("input[name=formVersion]").fill("v2");
      page.locator("form[action$='/consents'] button[type=submit]").tap();
      htmxSettled(page);
      assertThat(page.locator("#method-error")).isVisible();
      assertThat(page.locator("input[name=takePart]")).isChecked();
      assertThat(page.locator("input[name=beQuoted]")).isChecked();
      assertThat(page.locator("input[name=quotedInPublished]")).isChecked();
      assertThat(page.locator("input[name=formVersion]")).hasValue("v2");
      assertAccessible(page, "participant page, consent with errors (" + lang + ")");
      screenshot(page, "consent-error-phone-" + lang + ".png");
    }
  }

  @Test
  void destructiveActionsAskFirstAndCancelLeavesThingsAsTheyWere() {
    FieldSite fs = siteWithVault();
    Site site = fs.site();
    Person coordinator = fs.coordinator();
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    editing.addIssue(
        site,
        new IssueInput(
            "Calles sin alumbrado",
            "Dark streets",
            "De noche.",
            "At night.",
            List.of("community"),
            false));
    vaults.unlock(site, PASSPHRASE);
    deidentification.addToGazetteer(site, "calle Morelos", "STREET");
    fixtures.actAsNobody();
    Person admin = fixtures.administrator();
    Person colleague = fixtures.withRole(site.key(), SiteRole.RESEARCHER);

    for (String lang : List.of("es", "en")) {
      Page page = phone(lang);
      signIn(page, coordinator);
      String agenda = "/manage/sites/" + site.key() + "/agenda";
      page.navigate(agenda);

      // Deleting an issue: asks, naming it; "Cancel" closes the question and nothing changes.
      Locator deleteIssue = page.locator("details.confirm:has(form[action*='/issues/'])");
      Locator summary = deleteIssue.locator("summary");
      summary.focus();
      page.keyboard().press("Enter");
      assertThat(deleteIssue.locator(".confirm-body p"))
          .containsText("es".equals(lang) ? "Calles sin alumbrado" : "Dark streets");
      assertThat(deleteIssue.locator("form button")).isVisible();
      assertAccessible(page, "agenda team page, delete confirmation open (" + lang + ")");
      screenshot(page, "confirm-delete-issue-phone-" + lang + ".png");
      deleteIssue.locator(".confirm-cancel").tap();
      assertThat(deleteIssue.locator("form button")).not().isVisible();
      assertThat(summary).isFocused();
      page.reload();
      assertThat(page.locator("details.confirm:has(form[action*='/issues/'])")).hasCount(1);

      // Discarding the draft: far from "Publish", asks first; closing it changes nothing.
      Locator discard = page.locator(".draft-discard details.confirm");
      discard.locator("summary").tap();
      assertThat(discard.locator(".confirm-body")).isVisible();
      screenshot(page, "confirm-discard-phone-" + lang + ".png");
      discard.locator("summary").tap();
      page.reload();
      assertThat(page.locator("#draft-heading")).isVisible();

      // A name to hide.
      page.navigate("/manage/sites/" + site.key() + "/fieldwork/gazetteer");
      Locator deleteTerm = page.locator("details.confirm").first();
      deleteTerm.locator("summary").tap();
      assertThat(deleteTerm.locator(".confirm-body p")).containsText("calle Morelos");
      assertAccessible(page, "names to hide, delete confirmation open (" + lang + ")");
      screenshot(page, "confirm-delete-term-phone-" + lang + ".png");
      deleteTerm.locator(".confirm-cancel").tap();
      page.reload();
      assertThat(page.locator("td code")).hasCount(1);
    }

    // Removing a role.
    Page adminPage = phone("es");
    signIn(adminPage, admin);
    adminPage.navigate("/admin/users/" + colleague.id().value());
    Locator revoke = adminPage.locator("details.confirm");
    revoke.locator("summary").tap();
    assertThat(revoke.locator(".confirm-body p")).containsText(site.municipality());
    assertAccessible(adminPage, "staff account, remove role confirmation open");
    screenshot(adminPage, "confirm-remove-role-phone-es.png");
    revoke.locator(".confirm-cancel").tap();
    adminPage.reload();
    assertThat(adminPage.locator("details.confirm")).hasCount(1);
    // Confirmed, it is done.
    adminPage.locator("details.confirm summary").tap();
    adminPage.locator("details.confirm form button").tap();
    adminPage.waitForLoadState();
    assertThat(adminPage.locator("details.confirm")).hasCount(0);
  }

  @Test
  void theSiteMenuAndTheInlineUnlockReturnToTheSamePageOnAPhone() {
    FieldSite fs = siteWithVault();
    Site site = fs.site();
    Person coordinator = fs.coordinator();
    fixtures.actAs(coordinator);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "45_59",
                "mestizo",
                null,
                new Identity("Estela Ruvalcaba", null, null)));
    fixtures.actAsNobody();
    String url = "/manage/sites/" + site.key() + "/fieldwork/participants/" + p.id();

    for (String lang : List.of("es", "en")) {
      Page page = phone(lang);
      signIn(page, coordinator);
      page.navigate(url);
      Locator menu = page.locator("nav.site-menu");
      assertThat(menu.locator(".site-name")).containsText(site.municipality());
      assertThat(menu.locator("a[aria-current]")).hasCount(1);
      // Fieldwork, Analysis, Agenda, Observatory, Vault, Names to hide, Prioritisation,
      // Engagement, Safety, Audit.
      assertThat(menu.locator("a")).hasCount(10);
      assertAccessible(page, "participant page, vault locked (" + lang + ")");
      nothingSticksOut(page);
      screenshot(page, "site-menu-unlock-phone-" + lang + ".png");

      page.locator("#inline-unlock-passphrase").fill(PASSPHRASE);
      page.locator(".inline-unlock button[type=submit]").tap();
      page.waitForURL("**" + url);
      assertThat(page.getByText("Estela Ruvalcaba")).isVisible();
      assertThat(page.locator(".inline-unlock")).hasCount(0);
      screenshot(page, "participant-unlocked-phone-" + lang + ".png");

      // The menu goes to the site's other pages, and marks where the person is.
      menu.locator("a[href$='/agenda']").tap();
      page.waitForURL("**/manage/sites/" + site.key() + "/agenda");
      assertThat(page.locator("nav.site-menu a[aria-current]"))
          .hasAttribute("href", "/manage/sites/" + site.key() + "/agenda");
      fixtures.actAs(coordinator);
      vaults.lock(site);
      fixtures.actAsNobody();
    }
  }

  /** A fresh site whose vault its coordinator created with {@link #PASSPHRASE}; it is locked. */
  record FieldSite(Site site, Person coordinator) {}

  private FieldSite siteWithVault() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.lock(site);
    fixtures.actAsNobody();
    return new FieldSite(site, coordinator);
  }

  /** On the 390-pixel phone nothing sticks out sideways. */
  private static void nothingSticksOut(Page page) {
    org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.innerWidth"))
        .isEqualTo(390);
    org.assertj.core.api.Assertions.assertThat(
            page.evaluate(
                "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
        .isEqualTo(true);
  }

  private Page phone(String lang) {
    return newContext(
            new Browser.NewContextOptions()
                .setLocale("en".equals(lang) ? "en-US" : "es-MX")
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true))
        .newPage();
  }

  private static void screenshot(Page page, String file) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
  }
}
