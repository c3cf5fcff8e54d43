package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.analysis.AnalysisFixtures;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** Coding a de-identified source on a 390 × 844 phone: select words, choose a code, see it. */
@TejidoTest
class CodingBrowserTest extends BrowserTestSupport {

  /** Selects {@code words} inside the text of turn {@code turn}, as a finger or a mouse would. */
  private static final String SELECT =
      "([turn, words]) => { const node = document.querySelector('[data-turn=\"' + turn + '\"]')"
          + ".firstChild; const i = node.data.indexOf(words); const range = document.createRange();"
          + " range.setStart(node, i); range.setEnd(node, i + words.length);"
          + " const s = window.getSelection(); s.removeAllRanges(); s.addRange(range); }";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;

  @Test
  void aCommunityResearcherSelectsWordsAndCodesThem() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    fixtures.actAsNobody();
    Person coder = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);

    Page page = phone("es-MX");
    signIn(page, coder);
    page.navigate("/manage/sites/" + f.site().key() + "/analysis");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Taller de análisis")).tap();
    assertThat(page.locator("h1")).hasText("Taller de análisis");

    page.evaluate(SELECT, java.util.List.of(2, "extorsión"));
    assertThat(page.locator("[data-selection-preview]")).hasText("\u201cextorsión\u201d");
    assertThat(page.locator("#span-start")).hasValue("26");
    assertThat(page.locator("#span-end")).hasValue("35");
    page.getByLabel("Extorsión", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByLabel("Grupos criminales", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(
            AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Codificar la selección").setExact(true))
        .tap();

    assertThat(page.locator(".notice")).hasText("Selección codificada (2).");
    assertThat(page.locator("#turn-2 .margin-coding q"))
        .hasText(new String[] {"extorsión", "extorsión"});
    assertThat(page.locator("#turn-2 .margin-coding > a:not(.small)"))
        .hasText(new String[] {"Extorsión", "Grupos criminales"});
    screenshot(page, "coding-phone-390-es.png");
    assertAccessible(page, "coding a source");
    page.setViewportSize(360, 740);
    assertNoHorizontalScroll(page);
    page.setViewportSize(390, 844);

    page.locator("#turn-2 .margin-coding > a:not(.small)").first().tap();
    assertThat(page.locator("blockquote")).hasText("extorsión");
    assertAccessible(page, "segments of a code");

    page.navigate("/manage/sites/" + f.site().key() + "/analysis/codes");
    assertThat(page.locator("h1")).hasText("Libro de códigos");
    assertThat(page.locator(".code-tree")).containsText("Desplazamiento forzado");
    assertAccessible(page, "codebook");
    screenshot(page, "codebook-phone-390-es.png");

    Page english = phone("en-GB");
    signIn(english, coder);
    english.navigate(
        "/manage/sites/" + f.site().key() + "/analysis/sources/" + f.source() + "?all=true");
    assertThat(english.locator(".coders-toggle")).containsText("You see the whole team");
    assertThat(english.locator("#turn-2 .margin-coding > a:not(.small)"))
        .hasText(new String[] {"Extortion", "Criminal groups"});
    assertAccessible(english, "coding a source, in English");
    screenshot(english, "coding-phone-390-en.png");
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
