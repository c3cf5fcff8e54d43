package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Identity;
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
 * Staff pages on a 390 × 844 phone: every link, button, checkbox or radio button (with its label),
 * select and disclosure is a target of at least 44 × 44 CSS pixels (links inside running text
 * excepted, as WCAG 2.5.5 allows); the header folds its navigation into a menu that opens without
 * JavaScript; the review page's unlock comes back to it with its error, and Enter in a replacement
 * adds no term. Screenshots: {@code target/screenshots/phone-*}.
 */
@TejidoTest
class StaffPagesOnAPhoneBrowserTest extends BrowserTestSupport {

  static final String PASSPHRASE = "las vecinas tejen la agenda";
  static final String TRANSCRIPT =
      """
      Facilitadora: ¿Quién quiere empezar?
      APA-001: Yo. Desde que se fue Don Ramiro Pérez de la calle Morelos, ya nadie cuida la esquina.
      APA-002: Mi número es 453 123 4567 por si quieren hablar.
      """;

  /** The smallest target, with half a pixel for rounding. */
  static final double MIN_TARGET = 43.5;

  /**
   * Every interactive element of the page that is shown and smaller than 44 × 44 CSS pixels: links
   * (except those in a paragraph with other words: running text), buttons, selects, summaries, and
   * checkboxes and radio buttons measured together with their labels.
   */
  static final String SMALL_TARGETS =
      """
      min => {
        const shown = e => {
          const r = e.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) return false;
          if (e.closest('.visually-hidden, [hidden]')) return false;
          return getComputedStyle(e).visibility !== 'hidden';
        };
        const inText = a => {
          const p = a.closest('p');
          return p !== null && p.textContent.trim() !== a.textContent.trim();
        };
        const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
          + (typeof e.className === 'string' && e.className.trim()
             ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
          + (e.getAttribute('href') ? '[href=' + e.getAttribute('href') + ']' : '')
          + ' "' + (e.textContent || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
        const small = [];
        const targets = document.querySelectorAll('a[href], button, select, summary,'
          + ' input[type=checkbox], input[type=radio], input[type=submit], input[type=button]');
        for (const e of targets) {
          if (!shown(e) || (e.matches('a') && inText(e))) continue;
          const r = e.getBoundingClientRect();
          let box = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
          if (e.matches('input[type=checkbox], input[type=radio]')) {
            for (const label of e.labels) {
              const l = label.getBoundingClientRect();
              box = {left: Math.min(box.left, l.left), top: Math.min(box.top, l.top),
                     right: Math.max(box.right, l.right), bottom: Math.max(box.bottom, l.bottom)};
            }
          }
          const w = box.right - box.left, h = box.bottom - box.top;
          if (w < min || h < min) small.push(name(e) + ' ' + w.toFixed(1) + ' x ' + h.toFixed(1));
        }
        return small;
      }
      """;

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired AgendaEditing editing;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  record Scene(Site site, Person coordinator, Participant participant, UUID source) {
    String base() {
      return "/manage/sites/" + site.key();
    }

    String review() {
      return base() + "/fieldwork/sources/" + source + "/deidentify";
    }
  }

  /** A site with its vault (left open), a participant, a transcript, a term and a draft agenda. */
  private Scene scene() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    Participant participant =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "45_59",
                "mestizo",
                "Centro",
                new Identity("Estela Ruvalcaba", null, null)));
    deidentification.addToGazetteer(site, "calle Morelos", "STREET");
    UUID source =
        sources.add(
            site, new NewSource(null, "transcript", "Taller de la colonia", TRANSCRIPT, "typed"));
    editing.startDraft(site);
    editing.addIssue(
        site,
        new IssueInput(
            "Basura en las calles",
            "Rubbish in the streets",
            null,
            null,
            List.of("environmental"),
            false));
    fixtures.actAsNobody();
    return new Scene(site, coordinator, participant, source);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void everyTargetOnTheStaffPagesIsAtLeast44PixelsOnAPhone(String lang) {
    Scene s = scene();
    Page page = phone(lang);
    signIn(page, s.coordinator());
    List<String> offenders = new ArrayList<>();
    String fieldwork = s.base() + "/fieldwork";
    for (String[] visit :
        new String[][] {
          {"fieldwork", fieldwork},
          {"participant-form", fieldwork + "/participants/new"},
          {"participant", fieldwork + "/participants/" + s.participant().id()},
          {"source", fieldwork + "/sources/" + s.source()},
          {"review", s.review()},
          {"gazetteer", fieldwork + "/gazetteer"},
          {"agenda", s.base() + "/agenda"},
          {"audit", s.base() + "/audit"},
          {"vault", s.base() + "/vault"},
          {"observatory", s.base() + "/observatory"},
          {"observatory-institutions", s.base() + "/observatory/institutions"},
          {"observatory-recommendation-form", s.base() + "/observatory/recommendations/new"},
          {"observatory-sessions", s.base() + "/observatory/sessions"},
          {"manage", "/manage"}
        }) {
      offenders.addAll(smallTargets(page, visit[0], visit[1], lang));
    }
    Page admin = phone(lang);
    signIn(admin, fixtures.administrator());
    offenders.addAll(smallTargets(admin, "admin-users", "/admin/users", lang));
    offenders.addAll(smallTargets(admin, "admin-sites", "/admin/sites", lang));
    Assertions.assertThat(offenders)
        .as("targets smaller than 44 x 44 CSS px on a 390 x 844 phone (%s)", lang)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void theHeaderFoldsItsNavigationIntoAMenuOnAPhone(String lang) {
    Scene s = scene();
    Page page = phone(lang);
    signIn(page, s.coordinator());
    open(page, s.base() + "/fieldwork");
    Locator menu = page.locator("header details.nav-menu");
    assertThat(menu).not().hasAttribute("open", "");
    assertThat(page.locator("header nav.main-nav a[href='/manage']")).not().isVisible();
    // The other language stays one tap away.
    assertThat(page.locator("header a.lang")).isVisible();
    double bar = height(page, "header .bar");
    double header = height(page, "header.site-header");
    Assertions.assertThat(bar).as("the header's top bar on a phone (px)").isLessThanOrEqualTo(60);
    Assertions.assertThat(header)
        .as("the whole header, with the site's menu, on a phone (px)")
        .isLessThanOrEqualTo(140);
    screenshot(page, "phone-header-closed-" + lang);

    menu.locator("summary").tap();
    assertThat(menu).hasAttribute("open", "");
    Locator mine = page.locator("header nav.main-nav a[href='/manage']");
    assertThat(mine).isVisible();
    assertAccessible(page, "header menu open (" + lang + ", phone)");
    screenshot(page, "phone-header-open-" + lang);
    mine.tap();
    page.waitForURL("**/manage");
    assertThat(page.locator("header details.nav-menu")).not().hasAttribute("open", "");

    // Without JavaScript the menu opens and its links work all the same.
    Page bare = newContext(phoneOptions(lang).setJavaScriptEnabled(false)).newPage();
    signIn(bare, s.coordinator());
    bare.locator("header details.nav-menu summary").tap();
    bare.locator("header nav.main-nav a[href='/principles']").tap();
    bare.waitForURL("**/principles");

    // On a desktop the navigation is shown as it was, with no menu button.
    Page desktop =
        newContext(
                new Browser.NewContextOptions()
                    .setLocale("en".equals(lang) ? "en-GB" : "es-MX")
                    .setViewportSize(1280, 800))
            .newPage();
    signIn(desktop, s.coordinator());
    assertThat(desktop.locator("header nav.main-nav a[href='/manage']")).isVisible();
    assertThat(desktop.locator("header details.nav-menu summary")).not().isVisible();
    screenshot(desktop, "desktop-header-" + lang);
  }

  @Test
  void aWrongPassphraseInTheInlineUnlockComesBackToTheSamePageWithItsError() {
    Scene s = scene();
    fixtures.actAs(s.coordinator());
    vaults.lock(s.site());
    fixtures.actAsNobody();
    for (String lang : List.of("es", "en")) {
      Page page = phone(lang);
      signIn(page, s.coordinator());

      // The review page's own unlock.
      Response locked = page.navigate(s.review());
      Assertions.assertThat(locked.status()).isEqualTo(409);
      page.locator("#passphrase").fill("no es la frase");
      page.locator("form[action$='/vault/unlock'] button[type=submit]").tap();
      page.waitForURL("**" + s.review());
      assertThat(page.locator("#passphrase-error")).isVisible();
      assertThat(page.locator("#passphrase")).hasAttribute("aria-invalid", "true");
      assertAccessible(page, "review, wrong passphrase (" + lang + ", phone)");
      screenshot(page, "phone-review-wrong-passphrase-" + lang);

      // The inline unlock of any other page.
      String participant = s.base() + "/fieldwork/participants/" + s.participant().id();
      page.navigate(participant);
      page.locator("#inline-unlock-passphrase").fill("tampoco es esta");
      page.locator(".inline-unlock button[type=submit]").tap();
      page.waitForURL("**" + participant);
      assertThat(page.locator("#inline-unlock-error")).isVisible();
      assertThat(page.getByText("Estela Ruvalcaba")).hasCount(0);
      assertAccessible(page, "participant, wrong passphrase (" + lang + ", phone)");
      screenshot(page, "phone-inline-unlock-wrong-" + lang);

      // The right one opens it, here.
      page.locator("#inline-unlock-passphrase").fill(PASSPHRASE);
      page.locator(".inline-unlock button[type=submit]").tap();
      page.waitForURL("**" + participant);
      assertThat(page.getByText("Estela Ruvalcaba")).isVisible();
      assertThat(page.locator("#inline-unlock-error")).hasCount(0);
      fixtures.actAs(s.coordinator());
      vaults.lock(s.site());
      fixtures.actAsNobody();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void enterInAReplacementAddsNoTermAndKeepsTheDecisions(String lang) {
    Scene s = scene();
    Page page = phone(lang);
    signIn(page, s.coordinator());
    open(page, s.review());
    List<String> posted = new ArrayList<>();
    page.onRequest(
        r -> {
          if (r.method().equals("POST")) {
            posted.add(r.url());
          }
        });
    Locator street =
        page.locator(".proposals-list li")
            .filter(
                new Locator.FilterOptions()
                    .setHas(
                        page.locator(
                            "mark", new Page.LocatorOptions().setHasText("calle Morelos"))));
    street.locator("input[type=checkbox]").uncheck();
    Locator token = page.locator(".proposals-list input.token").last();
    token.fill("[TEL-VECINA]");
    token.press("Enter");
    page.waitForTimeout(500);
    Assertions.assertThat(posted).as("requests sent by Enter in a replacement").isEmpty();
    Assertions.assertThat(pathOf(page)).isEqualTo(s.review());
    assertThat(token).hasValue("[TEL-VECINA]");
    assertThat(street.locator("input[type=checkbox]")).not().isChecked();
    assertThat(page.locator("#term-error")).hasCount(0);

    // Enter in the term's own field adds it, keeping the decisions.
    page.locator("#term").fill("la esquina");
    page.locator("#term").press("Enter");
    assertThat(
            page.locator(".review-text .turn mark.proposal")
                .filter(new Locator.FilterOptions().setHasText("la esquina")))
        .hasCount(1);
    htmxSettled(page);
    Assertions.assertThat(pathOf(page)).isEqualTo(s.review());
    assertThat(page.locator(".proposals-list input.token").last()).hasValue("[TEL-VECINA]");
    assertThat(street.locator("input[type=checkbox]")).not().isChecked();
    screenshot(page, "phone-review-after-enter-" + lang);
  }

  private List<String> smallTargets(Page page, String name, String path, String lang) {
    open(page, path);
    Locator menu = page.locator("header details.nav-menu summary");
    if (menu.isVisible()) {
      menu.tap();
    }
    @SuppressWarnings("unchecked")
    List<String> small = (List<String>) page.evaluate(SMALL_TARGETS, MIN_TARGET);
    screenshot(page, "phone-" + name + "-" + lang);
    return small.stream().map(e -> name + ": " + e).toList();
  }

  private static double height(Page page, String selector) {
    return ((Number)
            page.locator(selector).first().evaluate("e => e.getBoundingClientRect().height"))
        .doubleValue();
  }

  private Browser.NewContextOptions phoneOptions(String lang) {
    return new Browser.NewContextOptions()
        .setLocale("en".equals(lang) ? "en-GB" : "es-MX")
        .setViewportSize(390, 844)
        .setIsMobile(true)
        .setHasTouch(true);
  }

  private Page phone(String lang) {
    return newContext(phoneOptions(lang)).newPage();
  }

  private static void open(Page page, String path) {
    Response response = page.navigate(path);
    Assertions.assertThat(response.status()).as("GET %s", path).isEqualTo(200);
  }

  private static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
