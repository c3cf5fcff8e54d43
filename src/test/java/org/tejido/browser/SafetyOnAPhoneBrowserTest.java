package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** A member on a 390 × 844 phone checks in, and cancels a panic alert during its countdown. */
@TejidoTest
class SafetyOnAPhoneBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void sheChecksInAndCancelsAPanicAlertBeforeItIsSent() throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    Page page = phone("es-MX");
    signIn(page, member);
    page.navigate("/manage/sites/" + site.key() + "/safety");
    page.locator("#where").fill("Mercado municipal");
    page.locator("#withWhom").fill("Equipo B");
    page.locator("#returnAt").fill("23:59");
    page.locator("form[action$='/check-in'] button").tap();
    assertThat(page.locator(".notice")).hasText("Salida registrada. Confirma tu regreso a tiempo.");
    assertThat(page.locator("#trip-heading")).hasText("Estás en campo");
    fitsTheNarrowestPhone(page);
    screenshot(page, "safety-phone-390-es.png");

    page.locator(".panic summary").tap();
    page.locator(".panic details button[type=submit]").tap();
    assertThat(page.locator("[data-panic-countdown]")).isVisible();
    screenshot(page, "safety-panic-countdown-phone-390-es.png");
    page.locator("[data-panic-cancel]").tap();
    assertThat(page.locator("[data-panic-countdown]")).isHidden();
    page.waitForTimeout(6000);
    Assertions.assertThat(
            jdbc.sql("select count(*) from safety_alert where site_id = ?")
                .param(site.id().value())
                .query(Integer.class)
                .single())
        .as("no alert after a cancelled countdown")
        .isZero();
  }

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

  private static void screenshot(Page page, String file) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
  }
}
