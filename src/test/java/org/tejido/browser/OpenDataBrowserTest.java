package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.support.TejidoTest;

/**
 * The data page on a 390 × 844 phone in both languages, and the API documentation rendered by
 * Swagger UI under the strict Content-Security-Policy.
 */
@TejidoTest
class OpenDataBrowserTest extends BrowserTestSupport {

  @ParameterizedTest(name = "/datos ({0})")
  @ValueSource(strings = {"es", "en"})
  void theDataPageListsTheDatasetsAccessiblyOnAPhone(String lang) throws Exception {
    Page page =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale("en".equals(lang) ? "en-GB" : "es-MX")
                    .setViewportSize(390, 844)
                    .setIsMobile(true)
                    .setHasTouch(true))
            .newPage();
    page.navigate("/?lang=" + lang);
    page.locator("footer a[href='/datos']").click();
    assertThat(page.locator("h1")).hasText("es".equals(lang) ? "Datos abiertos" : "Open data");
    assertThat(page.locator("#ds-tijuana")).isVisible();
    assertThat(page.locator("pre.sample").first()).containsText("curl");
    assertThat(page.locator("main a[rel=license]"))
        .hasAttribute("href", "https://creativecommons.org/licenses/by/4.0/");
    assertAccessible(page, "/datos (" + lang + ")");
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("datos-phone-" + lang + ".png")));
    page.setViewportSize(360, 800);
    assertNoHorizontalScroll(page);
  }

  @ParameterizedTest(name = "/datos/api ({0})")
  @ValueSource(strings = {"es", "en"})
  void theApiDocumentationRendersWithoutBreakingTheContentSecurityPolicy(String lang)
      throws Exception {
    Page page = newPage(lang);
    List<String> problems = new ArrayList<>();
    page.onConsoleMessage(
        message -> {
          if (message.text().contains("Content Security Policy")) {
            problems.add(message.text());
          }
        });
    page.onPageError(problems::add);
    // Everything the documentation loads comes from Tejido and is there (the browser's own
    // favicon request aside: Tejido has none).
    page.onResponse(
        response -> {
          if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
            problems.add(response.status() + " " + response.url());
          }
          if (!response.url().startsWith(baseUrl())) {
            problems.add("outside Tejido: " + response.url());
          }
        });
    page.navigate("/datos/api?lang=" + lang);
    assertThat(page.locator("#swagger-ui .opblock-summary-path").first()).isVisible();
    assertThat(page.locator("#swagger-ui")).containsText("/api/v1/catalog");
    assertThat(page.locator("#swagger-ui")).containsText("/api/v1/sites/{key}/agenda");
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(false)
            .setPath(SCREENSHOTS.resolve("api-docs-" + lang + ".png")));
    Assertions.assertThat(problems).as("console errors and CSP violations").isEmpty();
  }
}
