package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * On a 390 × 844 phone, a community researcher records who came to a workshop among thirty
 * participants by typing part of their code; ticks survive filtering and a form sent with an error,
 * and the activity can then be corrected from its page. axe-core on each page.
 */
@TejidoTest
class AttendancePickerBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;

  @Test
  void aLongListOfParticipantsIsFilteredByCodeAndTicksAreKept() {
    for (String lang : List.of("es", "en")) {
      Site site = fixtures.freshSite();
      Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
      Person researcher = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
      fixtures.actAs(coordinator);
      vaults.create(site, "una frase larga para la bóveda del taller");
      List<Participant> people = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        people.add(
            participants.register(
                site,
                new NewParticipant(
                    i % 3 == 0 ? "youth" : "women", "woman", "30_44", "mestizo", null, null)));
      }
      fixtures.actAsNobody();
      Participant third = people.get(2);
      Participant twentySeventh = people.get(26);
      String fieldwork = "/manage/sites/" + site.key() + "/fieldwork";

      Page page = phone(lang);
      signIn(page, researcher);
      page.navigate(fieldwork + "/activities/new");
      Locator filter = page.locator("#participant-filter");
      Locator rows = page.locator("#participant-choices label:visible");
      assertThat(filter).isVisible();
      assertThat(rows).hasCount(30);

      // Typing part of a code leaves only that participant; ticking does not depend on filtering.
      filter.fill(twentySeventh.code().substring(twentySeventh.code().length() - 3));
      assertThat(rows).hasCount(1);
      rows.first().locator("input").check();
      filter.fill(third.code().toLowerCase());
      assertThat(rows).hasCount(1);
      rows.first().locator("input").check();
      assertThat(page.locator("[data-picker-status]"))
          .hasText(
              "es".equals(lang)
                  ? "Se muestran 1 de 30 · 2 marcadas"
                  : "Showing 1 of 30 · 2 ticked");
      assertAccessible(page, "activity form, attendance filtered (" + lang + ")");
      screenshot(page, "attendance-filtered-phone-" + lang + ".png");

      // By group too; the first ticked one is hidden, not unticked.
      filter.fill("es".equals(lang) ? "jóvenes" : "youth");
      assertThat(rows).hasCount(10);
      filter.fill("");
      assertThat(rows).hasCount(30);
      assertThat(checkbox(page, twentySeventh)).isChecked();
      assertThat(checkbox(page, third)).isChecked();

      // Sent without a title: shown again with both still ticked, the filter working again.
      page.locator("#kind").selectOption("workshop");
      page.locator("form.stacked button.primary").tap();
      htmxSettled(page);
      assertThat(page.locator("#title-error")).isVisible();
      assertThat(checkbox(page, twentySeventh)).isChecked();
      assertThat(checkbox(page, third)).isChecked();
      assertThat(page.locator("#participant-filter")).isVisible();
      page.locator("#participant-filter").fill(third.code());
      assertThat(rows).hasCount(1);
      nothingSticksOut(page);
      assertAccessible(page, "activity form with errors (" + lang + ")");

      page.locator("#title").fill("Taller del mercado");
      page.locator("form.stacked button.primary").tap();
      page.waitForURL("**" + fieldwork + "/activities/*");
      assertThat(page.locator("dl.facts")).containsText(third.code());
      assertThat(page.locator("dl.facts")).containsText(twentySeventh.code());

      // Corrected from its page: one fewer present.
      page.locator("a[href$='/edit']").tap();
      page.waitForURL("**/edit");
      assertThat(page.locator("#title")).hasValue("Taller del mercado");
      assertThat(checkbox(page, third)).isChecked();
      page.locator("#participant-filter").fill(third.code());
      page.locator("#participant-choices label:visible input").uncheck();
      assertAccessible(page, "activity edit form (" + lang + ")");
      nothingSticksOut(page);
      screenshot(page, "activity-edit-phone-" + lang + ".png");
      page.locator("form.stacked button.primary").tap();
      page.waitForURL("**" + fieldwork + "/activities/*");
      assertThat(page.locator("dl.facts")).not().containsText(third.code());
      assertThat(page.locator("dl.facts")).containsText(twentySeventh.code());
      screenshot(page, "activity-edited-phone-" + lang + ".png");

      // The participant's page links to the activity; the fieldwork home filters its sources.
      fixtures.actAs(coordinator);
      sources.add(
          site,
          new NewSource(
              null,
              "field_diary",
              "Diario del mercado",
              twentySeventh.code() + ": Hola.",
              "typed"));
      fixtures.actAsNobody();
      page.navigate(fieldwork + "/participants/" + twentySeventh.id());
      assertThat(page.getByText("Taller del mercado")).isVisible();
      assertThat(page.getByText("Diario del mercado")).isVisible();
      assertAccessible(page, "participant page (" + lang + ")");
      nothingSticksOut(page);
      screenshot(page, "participant-activities-phone-" + lang + ".png");
      page.navigate(fieldwork + "?sources=pending");
      assertThat(page.locator("a[aria-current=page]"))
          .hasText("es".equals(lang) ? "Por anonimizar (1)" : "To be de-identified (1)");
      assertAccessible(page, "fieldwork home, sources pending (" + lang + ")");
      nothingSticksOut(page);
      // Thirty participants make a long page: the top, and the participants with their consent.
      viewport(page, "fieldwork-pending-phone-" + lang + ".png");
      page.evaluate("() => document.getElementById('participants-heading').scrollIntoView()");
      viewport(page, "fieldwork-consent-phone-" + lang + ".png");
    }
  }

  private static Locator checkbox(Page page, Participant p) {
    return page.locator("input[name=participantIds][value='" + p.id() + "']");
  }

  private static void nothingSticksOut(Page page) {
    org.assertj.core.api.Assertions.assertThat(
            page.evaluate(
                "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
        .as("no horizontal scroll on %s", page.url())
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

  private static void viewport(Page page, String file) {
    screenshot(page, file);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)));
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
