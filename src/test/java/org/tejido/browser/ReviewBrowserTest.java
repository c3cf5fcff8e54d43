package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A coordinator reviews a transcript on a phone: she opens the vault from the review page itself,
 * reads the proposals highlighted in the words, unticks one and renames another, adds a term by
 * selecting it in the text (nothing she decided is lost), is refused until she says she reviewed
 * the whole text, and then marks the source ready: the audit log says she reviewed it.
 */
@TejidoTest
class ReviewBrowserTest extends BrowserTestSupport {

  static final String PASSPHRASE = "tejemos la agenda entre vecinas";
  static final String PHONE = "453 123 4567";
  static final String STREET = "calle Morelos";
  static final String ADDED = "las camionetas";
  static final String TRANSCRIPT =
      """
      Facilitadora: Buenas tardes a todas. ¿Quién quiere empezar a contar cómo se sienten en la colonia?
      APA-001: Yo empiezo. Desde que se fue Don Ramiro Pérez de la calle Morelos, ya nadie cuida la esquina. Mi comadre Juana Martínez dice que en la noche pasan las camionetas.
      APA-002: Es cierto. Mi hijo trabaja en la huerta de limón de los Valencia y le pidieron cuota. Mi número es 453 123 4567 por si quieren hablar.
      Facilitadora: Gracias. ¿Y el comandante Hernández ha hecho algo?
      APA-001: Nada. El comandante Hernández nomás pasa y se va. El Chapulín sigue mandando en el barrio de El Ranchito.
      """;

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired AuditLog audit;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void coordinatorEarnsReadyForAnalysisOnAPhoneInSpanish() {
    reviewOnAPhone("es-MX", "es", "Revisada por", "confirma que revisaste todo el texto");
  }

  @Test
  void coordinatorEarnsReadyForAnalysisOnAPhoneInEnglish() {
    reviewOnAPhone("en-GB", "en", "Reviewed by", "confirm that you reviewed the whole text");
  }

  private void reviewOnAPhone(String locale, String lang, String reviewedBy, String refusal) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    deidentification.addToGazetteer(site, STREET, "STREET");
    UUID source =
        sources.add(
            site, new NewSource(null, "transcript", "Taller de la colonia", TRANSCRIPT, "typed"));
    vaults.lock(site);
    fixtures.actAsNobody();
    String review = "/manage/sites/" + site.key() + "/fieldwork/sources/" + source + "/deidentify";
    Page page =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale(locale)
                    .setViewportSize(390, 844)
                    .setDeviceScaleFactor(2)
                    .setIsMobile(true)
                    .setHasTouch(true))
            .newPage();
    signIn(page, coordinator);

    // The vault is locked: she opens it here and comes back to the review.
    Response locked = page.navigate(review);
    Assertions.assertThat(locked.status()).isEqualTo(409);
    assertThat(page.locator("html")).hasAttribute("lang", lang);
    assertAccessible(page, "locked review (" + lang + ")");
    screenshot(page, "review-locked-phone-" + lang + ".png");
    page.locator("#passphrase").fill(PASSPHRASE);
    page.locator("form[action$='/vault/unlock'] button[type=submit]").click();
    page.waitForURL("**" + review);

    // Proposals are highlighted in the words, each with its decision.
    Locator marks = page.locator(".review-text .turn mark.proposal");
    assertThat(marks.filter(new Locator.FilterOptions().setHasText(STREET))).hasCount(1);
    assertThat(marks.filter(new Locator.FilterOptions().setHasText(PHONE))).hasCount(1);
    assertThat(marks.first()).isVisible();
    Locator street = decision(page, STREET).locator("input[type=checkbox]");
    Locator phone = decision(page, PHONE).locator("input.token");
    assertThat(street).isChecked();
    street.uncheck();
    phone.fill("[TEL-APA-002]");

    // Selecting words in the text fills the term; adding it keeps every decision.
    page.evaluate(
        "words => { const turn = [...document.querySelectorAll('.review-text .turn')]"
            + ".find(t => t.textContent.includes(words));"
            + " const walker = document.createTreeWalker(turn, NodeFilter.SHOW_TEXT);"
            + " let node; while ((node = walker.nextNode()) && !node.data.includes(words)) {}"
            + " const at = node.data.indexOf(words); const range = document.createRange();"
            + " range.setStart(node, at); range.setEnd(node, at + words.length);"
            + " const selection = window.getSelection(); selection.removeAllRanges();"
            + " selection.addRange(range); }",
        ADDED);
    assertThat(page.locator("#term")).hasValue(ADDED);
    page.locator("#term-kind").selectOption("OTHER");
    page.locator(".add-term button").click();
    assertThat(marks.filter(new Locator.FilterOptions().setHasText(ADDED))).hasCount(1);
    htmxSettled(page);
    assertThat(page.locator("#review .notice")).isVisible();
    // Only the review was swapped: the page is still the review's, not the term's address.
    Assertions.assertThat(pathOf(page)).isEqualTo(review);
    assertThat(decision(page, STREET).locator("input[type=checkbox]")).not().isChecked();
    assertThat(decision(page, PHONE).locator("input.token")).hasValue("[TEL-APA-002]");
    assertThat(decision(page, ADDED).locator("input[type=checkbox]")).isChecked();
    assertNoSideways(page);
    assertAccessible(page, "review with highlights (" + lang + ")");
    screenshot(page, "review-phone-" + lang + ".png");

    // Without "I reviewed the whole text": refused, nothing lost.
    page.locator("#deidentify-form .actions button[type=submit]").click();
    assertThat(page.locator("#wholeText-error")).containsText(refusal);
    assertThat(decision(page, STREET).locator("input[type=checkbox]")).not().isChecked();
    assertThat(decision(page, PHONE).locator("input.token")).hasValue("[TEL-APA-002]");
    assertThat(decision(page, ADDED).locator("input[type=checkbox]")).isChecked();
    assertAccessible(page, "review refused (" + lang + ")");
    screenshot(page, "review-refused-phone-" + lang + ".png");

    // With it: ready, and who reviewed it, when.
    page.locator("#wholeText").check();
    page.locator("#deidentify-form .actions button[type=submit]").click();
    page.waitForURL("**/sources/" + source);
    assertThat(page.locator(".reviewed-by")).containsText(reviewedBy + " Test coordinator");
    Locator analysed = page.locator("section[aria-labelledby=clean-heading] .turns");
    assertThat(analysed).containsText(STREET);
    assertThat(analysed).containsText("[TEL-APA-002]");
    assertThat(analysed).not().containsText(PHONE);
    assertThat(analysed).not().containsText(ADDED);
    assertAccessible(page, "source reviewed (" + lang + ")");
    screenshot(page, "source-reviewed-phone-" + lang + ".png");
    Assertions.assertThat(
            audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
                .filter(e -> e.action().equals("source.reviewed")))
        .extracting(AuditEntry::subject, AuditEntry::actorId)
        .containsExactly(Assertions.tuple(source.toString(), coordinator.id().value()));

    // A name added later to the gazetteer asks for another review, where the team looks.
    String fieldwork = "/manage/sites/" + site.key() + "/fieldwork";
    page.navigate(fieldwork + "/gazetteer");
    page.locator("#term").fill("Juana Martínez");
    page.locator("#kind").selectOption("PERSON");
    page.locator("main form.row button[type=submit]").click();
    page.waitForURL("**" + fieldwork + "/gazetteer");
    assertThat(page.locator("section[aria-labelledby=to-review-heading] a"))
        .hasText("Taller de la colonia");
    assertNoSideways(page);
    assertAccessible(page, "gazetteer with sources to review (" + lang + ")");
    screenshot(page, "gazetteer-to-review-phone-" + lang + ".png");
    page.navigate(fieldwork);
    assertThat(
            page.locator("section[aria-labelledby=sources-heading] li")
                .filter(new Locator.FilterOptions().setHasText("Taller de la colonia"))
                .locator(".badge.warn"))
        .isVisible();
    assertAccessible(page, "fieldwork home with a source to review (" + lang + ")");
    screenshot(page, "fieldwork-to-review-phone-" + lang + ".png");
    page.navigate(fieldwork + "/sources/" + source);
    assertThat(page.locator("main .callout.warn")).isVisible();
    assertAccessible(page, "source to review (" + lang + ")");
    screenshot(page, "source-to-review-phone-" + lang + ".png");
  }

  /** The decision (checkbox, replacement) about the proposal of {@code words}. */
  private static Locator decision(Page page, String words) {
    return page.locator(".proposals-list li")
        .filter(
            new Locator.FilterOptions()
                .setHas(page.locator("mark", new Page.LocatorOptions().setHasText(words))));
  }

  private static void assertNoSideways(Page page) {
    Assertions.assertThat(
            page.evaluate(
                "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
        .as("no sideways scroll at 390 px")
        .isEqualTo(true);
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
