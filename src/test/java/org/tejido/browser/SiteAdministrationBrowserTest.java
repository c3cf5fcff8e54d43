package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * An administrator adds a site on a phone-sized screen, choosing the state and then its
 * municipality, and suspends it for safety; the public page then says only that, with the reason.
 */
@TejidoTest
class SiteAdministrationBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void administratorAddsAndSuspendsASiteOnAPhone(String lang) {
    Person admin = fixtures.administrator();
    Page page =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale(lang.equals("es") ? "es-MX" : "en-GB")
                    .setViewportSize(390, 844)
                    .setIsMobile(true))
            .newPage();
    signIn(page, admin);
    page.navigate("/admin/sites");
    assertAccessible(page, "/admin/sites (" + lang + ")");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("admin-sites-" + lang + "-phone.png"))
            .setFullPage(true));
    page.locator("a.button.primary").click();

    String key = "sitio-" + UUID.randomUUID().toString().substring(0, 6);
    page.locator("#key").fill(key);
    page.locator("#state").selectOption("12");
    page.locator("#state + button").click();
    assertThat(page.locator("#key")).hasValue(key);
    page.locator("#inegiCode").selectOption("12029");
    page.locator("#neighbourhood").fill("Colonia Jardín");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("admin-site-new-" + lang + "-phone.png"))
            .setFullPage(true));
    assertAccessible(page, "/admin/sites/new (" + lang + ")");
    page.locator("#site-form button.primary").click();
    page.waitForURL("**/admin/sites/" + key);

    page.locator("main details summary").click();
    page.locator("details button.danger").click();
    assertThat(page.locator("#reasonEs-error")).isVisible();
    page.locator("#reasonEs").fill("Amenazas al equipo");
    page.locator("details button.danger").click();
    page.waitForURL("**/admin/sites/" + key);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("admin-site-suspended-" + lang + "-phone.png"))
            .setFullPage(true));
    assertAccessible(page, "/admin/sites/{key} (" + lang + ")");

    Page visitor = newPage(lang);
    visitor.navigate("/sites/" + key);
    assertThat(visitor.locator("main")).containsText("Amenazas al equipo");
    assertThat(visitor.locator("main h1")).hasText("Chilpancingo de los Bravo");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void siteFormOnADesktop(String lang) {
    Person admin = fixtures.administrator();
    Page page =
        newContext(new Browser.NewContextOptions().setLocale(lang).setViewportSize(1280, 900))
            .newPage();
    signIn(page, admin);
    page.navigate("/admin/sites/tijuana");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("admin-site-edit-" + lang + "-desktop.png"))
            .setFullPage(false));
    assertThat(page.locator("#inegiCode")).hasValue("02004");
  }
}
