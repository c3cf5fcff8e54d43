package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tejido.support.TejidoTest;

/** What anyone reads without signing in: the published agendas, in Spanish and English. */
@TejidoTest
class PublicAgendaBrowserTest extends BrowserTestSupport {

  static final String LANDSLIDES_ES = "Desastre y angustia por los deslaves";

  @Test
  void readsTheTijuanaAgendaInSpanishByDefault() {
    Page page = newPage("es-MX");
    Response response = page.navigate("/sites/tijuana/agenda");
    Assertions.assertThat(response.status()).isEqualTo(200);

    assertThat(page.locator("html")).hasAttribute("lang", "es");
    assertThat(page.locator("h1")).containsText("Agenda Local de Seguridad Humana de Tijuana");

    // The landslides touch five domains: the issue appears under each of them, anchored once.
    Locator landslides =
        page.locator("section.domain")
            .filter(
                new Locator.FilterOptions()
                    .setHas(
                        page.locator(
                            ".issue-title", new Page.LocatorOptions().setHasText(LANDSLIDES_ES))));
    assertThat(landslides).hasCount(5);
    assertThat(landslides.locator("h3"))
        .hasText(
            new String[] {
              "Seguridad personal",
              "Seguridad comunitaria",
              "Seguridad política",
              "Seguridad económica",
              "Seguridad ambiental"
            });
    assertThat(
            landslides
                .locator("li")
                .filter(new Locator.FilterOptions().setHasText(LANDSLIDES_ES))
                .locator(".cross"))
        .hasCount(5);
    assertThat(page.locator(".cross").first()).containsText("Toca varias dimensiones");
    assertThat(page.locator("#issue-tij-9")).hasCount(1);

    // Proposals are grouped by whom they are addressed to; Tijuana's all go to the authorities.
    Locator proposals = page.locator("section[aria-labelledby=proposals-heading]");
    assertThat(proposals.locator("h2")).hasText("Propuestas por destinatario");
    assertThat(proposals.locator("section.addressee h3"))
        .hasText(new String[] {"Dirigidas a: Autoridades"});
    Assertions.assertThat(proposals.locator("ol.proposals > li").count()).isGreaterThan(0);

    // Every "answers" link of a proposal leads to an issue on the same page.
    Object dangling =
        page.evaluate(
            "() => Array.from(document.querySelectorAll('.answers a'))"
                + ".map(a => a.getAttribute('href'))"
                + ".filter(h => !document.getElementById(h.substring(1)))");
    Assertions.assertThat(page.locator(".answers a").count()).isGreaterThan(0);
    Assertions.assertThat((List<?>) dangling).as("links to missing issues").isEmpty();
  }

  @Test
  void switchesToEnglishAndStaysOnTheSamePage() {
    BrowserContext context = newContext(new Browser.NewContextOptions().setLocale("es-MX"));
    Page page = context.newPage();
    page.navigate("/sites/tijuana/agenda");
    assertThat(page.locator("h1")).hasText("Agenda Local de Seguridad Humana de Tijuana");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English").setExact(true))
        .click();

    assertThat(page.locator("h1")).hasText("Local Human Security Agenda of Tijuana");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    Assertions.assertThat(pathOf(page)).isEqualTo("/sites/tijuana/agenda");
    assertThat(page.locator("a.lang")).hasText("Español");
    assertThat(page.locator("a.lang")).hasAttribute("lang", "es");

    // The choice is remembered: the plain address (no ?lang) stays in English.
    Assertions.assertThat(context.cookies())
        .anySatisfy(c -> Assertions.assertThat(c.name).isEqualTo("tejido-lang"));
    page.navigate("/sites/tijuana/agenda");
    assertThat(page.locator("h1")).hasText("Local Human Security Agenda of Tijuana");
    page.reload();
    assertThat(page.locator("h1")).hasText("Local Human Security Agenda of Tijuana");

    // And back again.
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Español").setExact(true))
        .click();
    assertThat(page.locator("h1")).hasText("Agenda Local de Seguridad Humana de Tijuana");
    Assertions.assertThat(pathOf(page)).isEqualTo("/sites/tijuana/agenda");
  }

  @Test
  void firstVisitFollowsAcceptLanguage() {
    Page english = newPage("en-GB");
    english.navigate("/");
    assertThat(english.locator("h1")).hasText("Local Human Security Agendas");
    assertThat(english.locator("html")).hasAttribute("lang", "en");

    Page french = newPage("fr-FR");
    french.navigate("/");
    assertThat(french.locator("h1")).hasText("Agendas Locales de Seguridad Humana");
    assertThat(french.locator("html")).hasAttribute("lang", "es");
  }

  @Test
  void acapulcoIsShownAsSuspendedForSafetyWithoutAgenda() {
    Page page = newPage("es-MX");

    page.navigate("/");
    Locator card =
        page.locator("li.card")
            .filter(
                new Locator.FilterOptions()
                    .setHas(page.locator("h2", new Page.LocatorOptions().setHasText("Acapulco"))));
    assertThat(card).hasCount(1);
    assertThat(card).hasClass(Pattern.compile("\\bsuspended\\b"));
    assertThat(card.locator(".badge")).hasText("Suspendido por seguridad");
    assertThat(card.getByText("Leer la agenda")).hasCount(0);

    page.navigate("/sites/acapulco");
    assertThat(page.locator("h1")).hasText("Acapulco de Juárez");
    Locator callout = page.locator("section.callout.warn");
    assertThat(callout.locator("h2")).hasText("Suspendido por seguridad");
    assertThat(callout).containsText("no se construyó una agenda para no poner vidas en riesgo");
    assertThat(page.locator("#agenda-heading")).hasCount(0);
    assertThat(page.locator("a[href='/sites/acapulco/agenda']")).hasCount(0);

    // Even typed by hand, there is no agenda to read: the site's page, saying why.
    page.navigate("/sites/acapulco/agenda");
    Assertions.assertThat(page.url()).endsWith("/sites/acapulco");
    assertThat(page.locator("section.callout.warn h2")).hasText("Suspendido por seguridad");
    assertThat(page.locator("#agenda-heading")).hasCount(0);
  }

  @Test
  void notFoundPageSpeaksTheVisitorsLanguageAndCanSwitch() {
    Page page = newPage("es-MX");
    Response response = page.navigate("/sites/nope");
    Assertions.assertThat(response.status()).isEqualTo(404);
    assertThat(page.locator("html")).hasAttribute("lang", "es");
    assertThat(page.locator("h1")).hasText("No encontramos esta página");
    assertThat(page.locator(".error-detail")).hasText("No existe un sitio con la clave «nope».");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English").setExact(true))
        .click();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("h1")).hasText("We could not find this page");
    Assertions.assertThat(pathOf(page)).isEqualTo("/sites/nope");
    assertThat(page.locator("a.lang")).hasText("Español");
    assertThat(page.locator("a.lang")).hasAttribute("lang", "es");
  }

  @Test
  void phoneSizedViewportScreenshot() throws Exception {
    BrowserContext phone =
        newContext(
            new Browser.NewContextOptions()
                .setLocale("es-MX")
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true));
    Page page = phone.newPage();
    Files.createDirectories(SCREENSHOTS);

    page.navigate("/sites/apatzingan/agenda");
    assertThat(page.locator("h1")).containsText("Agenda Local de Seguridad Humana de Apatzingán");
    assertNoHorizontalScroll(page);
    Path spanish = SCREENSHOTS.resolve("agenda-phone-es.png");
    page.screenshot(new Page.ScreenshotOptions().setPath(spanish).setFullPage(true));

    page.locator("a.lang").click();
    assertThat(page.locator("h1")).containsText("Local Human Security Agenda of Apatzingán");
    assertNoHorizontalScroll(page);
    Path english = SCREENSHOTS.resolve("agenda-phone-en.png");
    page.screenshot(new Page.ScreenshotOptions().setPath(english).setFullPage(true));

    Assertions.assertThat(Files.size(spanish)).isGreaterThan(10_000);
    Assertions.assertThat(Files.size(english)).isGreaterThan(10_000);
  }
}
