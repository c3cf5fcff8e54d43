package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.indicators.IndicatorImports;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.TejidoTest;

/**
 * The official figures' charts really draw on a phone, from Tejido's own ECharts, under the strict
 * Content-Security-Policy: no console complaint, no script error.
 */
@TejidoTest
class IndicatorChartsBrowserTest extends BrowserTestSupport {

  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired IndicatorImports imports;
  @Autowired Sites sites;

  @Test
  void theChartsDrawUnderTheContentSecurityPolicyInBothLanguages() throws Exception {
    imports.load(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("conapo_total_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("neighbours_leon_excerpt.csv"), null);
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
    for (String lang : List.of("es", "en")) {
      Page page =
          newContext(
                  new Browser.NewContextOptions()
                      .setLocale("en".equals(lang) ? "en-GB" : "es-MX")
                      .setViewportSize(390, 844)
                      .setIsMobile(true))
              .newPage();
      List<String> problems = new ArrayList<>();
      page.onConsoleMessage(
          message -> {
            // A failed load is reported below with its address (the browser's own favicon
            // request aside: Tejido has none).
            if (message.text().contains("Content Security")
                || (message.type().equals("error")
                    && !message.text().startsWith("Failed to load resource"))) {
              problems.add(message.text());
            }
          });
      page.onPageError(problems::add);
      page.onResponse(
          response -> {
            if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
              problems.add(response.status() + " " + response.url());
            }
          });
      page.navigate("/sites/" + leon.key() + "?lang=" + lang);
      var chart = page.locator("#indicator-homicidio-doloso [data-indicator-chart]");
      assertThat(chart).hasAttribute("data-drawn", "true");
      assertThat(chart.locator("canvas").first()).isVisible();
      assertThat(page.locator("#indicator-homicidio-doloso-table caption")).isVisible();
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(SCREENSHOTS.resolve("indicators-phone-" + lang + ".png")));
      page.setViewportSize(1280, 900);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(SCREENSHOTS.resolve("indicators-desktop-" + lang + ".png")));
      Assertions.assertThat(problems).as("console errors on the page (" + lang + ")").isEmpty();
    }
  }
}
