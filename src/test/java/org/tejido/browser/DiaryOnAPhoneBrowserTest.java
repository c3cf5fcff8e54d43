package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The field diary on a 390 × 844 phone: the day, a draft that survives closing the page without
 * anything readable left on the phone, her entries on the fieldwork page and a correction.
 */
@TejidoTest
class DiaryOnAPhoneBrowserTest extends BrowserTestSupport {

  private static final String LINES = "Salimos a las cinco.\n\nEn la esquina no hay luz.";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;

  @Test
  void aCommunityResearcherKeepsHerDraftAndCorrectsHerEntry() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, "tejemos la agenda entre vecinas");
    fixtures.actAsNobody();
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    String fieldwork = "/manage/sites/" + site.key() + "/fieldwork";

    Page page = phone("es-MX");
    signIn(page, community);
    page.navigate(fieldwork + "/sources/new?kind=field_diary");
    assertThat(page.locator("#day")).not().hasValue("");
    page.locator("#title").fill("Recorrido de la tarde");
    // A moment after she stops typing, the draft goes to the server.
    page.waitForResponse(
        r -> r.url().endsWith("/diary/draft") && r.request().postData().contains("esquina"),
        () -> page.locator("#text").fill(LINES));
    assertThat(page.locator("#draft-status")).containsText("Borrador guardado en el servidor");
    screenshot(page, "diary-draft-phone-390-es.png");
    fitsTheNarrowestPhone(page);
    Assertions.assertThat(page.evaluate(STORED_BY_THE_PAGE))
        .as("nothing of the draft in the phone's storage")
        .isEqualTo(ONLY_THE_CURRENT_PATH);

    // She closes the page and comes back: her words are there, from the server.
    page.navigate(fieldwork);
    page.navigate(fieldwork + "/sources/new?kind=field_diary");
    assertThat(page.locator("#text")).hasValue(LINES);
    assertThat(page.locator("#title")).hasValue("Recorrido de la tarde");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Guardar").setExact(true))
        .tap();
    page.waitForURL(Pattern.compile(".*/fieldwork/sources/[0-9a-f-]{36}$"));
    assertThat(page.locator(".notice"))
        .hasText("Entrada guardada y cifrada. Puedes corregirla durante 24 horas.");

    page.navigate(fieldwork);
    assertThat(page.locator("#my-entries-heading")).hasText("Mis entradas del diario");
    screenshot(page, "diary-my-entries-phone-390-es.png");
    page.locator(".my-entries a.button").first().tap();
    page.waitForURL(Pattern.compile(".*/correct$"));
    assertThat(page.locator("#text")).hasValue(LINES);
    page.locator("#text").fill(LINES + "\nVolvimos a las seis.");
    fitsTheNarrowestPhone(page);
    screenshot(page, "diary-correct-phone-390-es.png");
    page.getByRole(
            AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Guardar la corrección").setExact(true))
        .tap();
    page.waitForURL(Pattern.compile(".*/fieldwork/sources/[0-9a-f-]{36}$"));
    assertThat(page.locator(".notice")).hasText("Corrección guardada y cifrada.");
    assertAccessible(page, "diary entry after a correction");

    Page english = phone("en-GB");
    signIn(english, community);
    english.navigate(fieldwork + "/sources/new?kind=field_diary");
    assertThat(english.locator("label[for=day]")).hasText("Day the entry is about");
    assertAccessible(english, "diary form");
    screenshot(english, "diary-form-phone-390-en.png");
  }

  /** The shared check measures at 360 px, the narrowest phone the team uses; back to 390 after. */
  private static void fitsTheNarrowestPhone(Page page) {
    page.setViewportSize(360, 740);
    try {
      assertNoHorizontalScroll(page);
    } finally {
      page.setViewportSize(390, 844);
    }
  }

  private Page phone(String locale) {
    return newContext(
            new Browser.NewContextOptions()
                .setLocale(locale)
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true))
        .newPage();
  }

  private static Path screenshot(Page page, String file) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    Path path = SCREENSHOTS.resolve(file);
    page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    return path;
  }
}
