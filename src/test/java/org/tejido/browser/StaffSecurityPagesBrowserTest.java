package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The pages of staff account security, site administration, the vault's key holders and key
 * ceremonies, withdrawal review, the demo site and suspended sites, in Spanish and English, on a
 * phone and on a desktop: each is checked by axe-core, must not scroll sideways, and is kept as a
 * screenshot ({@code target/screenshots/staff-*}) to be looked at.
 */
@TejidoTest
class StaffSecurityPagesBrowserTest extends BrowserTestSupport {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String NAME = "Eulalia Zamudio Cárdenas";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired AgendaEditing editing;
  @Autowired Sites sites;

  /**
   * Both languages on a phone, where pages overflow first; add the desktop with {@code
   * -Dtejido.browser.all-screens=true} when reviewing the screenshots (it doubles the run time).
   */
  static Stream<Arguments> screens() {
    Stream<Arguments> phone = Stream.of(Arguments.of("es", "phone"), Arguments.of("en", "phone"));
    return Boolean.getBoolean("tejido.browser.all-screens")
        ? Stream.concat(
            phone, Stream.of(Arguments.of("es", "desktop"), Arguments.of("en", "desktop")))
        : phone;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("screens")
  void secondFactorAndPasswordPages(String lang, String screen) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Page page = page(lang, screen);

    // The first sign-in asks for an authenticator; a wrong code keeps the same secret.
    passwordOnly(page, coordinator);
    page.waitForURL("**/account/second-factor");
    look(page, "enrol", lang, screen);
    // Halfway through signing in, the header offers no second way to sign in.
    assertThat(page.locator("header a[href='/login']")).hasCount(0);
    String secret = page.locator("code.secret").textContent();
    page.locator("#code").fill("000000");
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator(".error-summary")).isVisible();
    assertThat(page.locator("code.secret")).hasText(secret);
    // There are no recovery codes yet: the message does not send the person looking for one.
    assertThat(page.locator(".error-summary"))
        .not()
        .containsText("es".equals(lang) ? "recuperación" : "recovery");
    look(page, "enrol-wrong-code", lang, screen);
    page.locator("#code").fill(Totp.code(secret, Instant.now()));
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator("ul.recovery-codes li")).hasCount(10);
    assertThat(page.locator("button[data-print]")).isVisible();
    look(page, "recovery-codes", lang, screen);

    // A common password is refused, in the person's language.
    page.locator("main a.button.primary").click();
    page.waitForURL("**/manage");
    page.locator("main a[href$='/account/password']").click();
    page.locator("#current").fill(Fixtures.PASSWORD);
    page.locator("#password").fill("1qaz2wsx3edc");
    page.locator("#confirmation").fill("1qaz2wsx3edc");
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator(".error-summary")).isVisible();
    look(page, "password-common", lang, screen);

    // The second step of a later sign-in, with a wrong code.
    Page later = page(lang, screen);
    passwordOnly(later, coordinator);
    later.waitForURL("**/account/second-factor");
    look(later, "second-factor", lang, screen);
    later.locator("#code").fill("123456");
    later.locator("main form.stacked button[type=submit]").click();
    assertThat(later.locator(".error-summary")).isVisible();
    look(later, "second-factor-wrong", lang, screen);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("screens")
  void vaultCeremonyPages(String lang, String screen) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    String vault = "/manage/sites/" + site.key() + "/vault";
    Page page = page(lang, screen);
    signIn(page, coordinator);

    open(page, vault);
    look(page, "vault-missing", lang, screen);
    page.locator("#new-passphrase").fill(PASSPHRASE);
    page.locator("#new-confirmation").fill(PASSPHRASE);
    page.locator("form[action$='/vault'] button[type=submit]").click();
    page.waitForURL("**" + vault + "/recovery-key");
    look(page, "vault-recovery-key", lang, screen);
    List<String> groups = page.locator("ol.recovery-key li code").allTextContents();

    page.locator("a[href$='/recovery-key/confirm']").click();
    page.waitForURL("**" + vault + "/recovery-key/confirm");
    look(page, "vault-confirm", lang, screen);
    page.locator("#first").fill("0000");
    page.locator("#second").fill("0000");
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator(".error-summary")).isVisible();
    look(page, "vault-confirm-wrong", lang, screen);
    page.locator("#first").fill(groups.get(asked(page, "first") - 1));
    page.locator("#second").fill(groups.get(asked(page, "second") - 1));
    page.locator("main form.stacked button[type=submit]").click();
    page.waitForURL("**" + vault);
    look(page, "vault-open", lang, screen);

    // Replacing the recovery key, then the key pair: each shows a new key, then is cancelled.
    page.locator("form[action$='/vault/recovery-key'] button[type=submit]").click();
    page.waitForURL("**" + vault + "/recovery-key");
    look(page, "vault-new-recovery-key", lang, screen);
    page.locator("form[action$='/recovery-key/cancel'] button").click();
    page.waitForURL("**" + vault);
    page.locator("#key-pair-passphrase").fill(PASSPHRASE);
    page.locator("form[action$='/vault/key-pair'] button[type=submit]").click();
    page.waitForURL("**" + vault + "/recovery-key");
    look(page, "vault-key-pair", lang, screen);
    page.locator("form[action$='/recovery-key/cancel'] button").click();
    page.waitForURL("**" + vault);

    // The withdrawal review of a participant named in someone else's diary.
    Participant named = withNamedParticipant(site, coordinator);
    open(
        page,
        "/manage/sites/" + site.key() + "/fieldwork/participants/" + named.id() + "/withdraw");
    assertThat(page.locator("ul.mentions li").first()).isVisible();
    look(page, "withdraw-review", lang, screen);
    // A lone surname is left for the coordinator to decide; their tick survives a mistyped code.
    var optional = page.locator("ul.mentions input[type=checkbox]:not([disabled])");
    assertThat(optional).hasCount(1);
    assertThat(optional).not().isChecked();
    optional.check();
    page.locator("#confirm").fill("NOPE");
    page.locator("main form.stacked button.danger").click();
    assertThat(page.locator("#confirm")).hasAttribute("aria-invalid", "true");
    assertThat(optional).isChecked();
    look(page, "withdraw-review-wrong", lang, screen);

    // The agenda editor warns of a proposal answering a silenced issue.
    withAProposalAnsweringASilencedIssue(site, coordinator);
    open(page, "/manage/sites/" + site.key() + "/agenda");
    htmxSettled(page);
    assertThat(page.locator(".silenced-link-warning")).isVisible();
    look(page, "agenda-silenced-warning", lang, screen);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("screens")
  void administrationAndPublicPages(String lang, String screen) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.secondFactorCode(coordinator); // enrolled
    Person admin = fixtures.administrator();
    Page page = page(lang, screen);
    signIn(page, admin);

    open(page, "/admin/users/" + coordinator.id().value());
    look(page, "admin-user", lang, screen);
    open(page, "/admin/sites");
    look(page, "admin-sites", lang, screen);
    open(page, "/admin/sites/new");
    page.locator("#site-form button.primary").click();
    assertThat(page.locator(".error-summary")).isVisible();
    look(page, "admin-site-new-errors", lang, screen);
    open(page, "/admin/sites/acapulco");
    look(page, "admin-site-suspended", lang, screen);

    Page visitor = page(lang, screen);
    open(visitor, "/sites/acapulco");
    look(visitor, "public-suspended", lang, screen);
    open(visitor, "/sites/acapulco/agenda");
    look(visitor, "public-suspended-agenda", lang, screen);

    Site demo = fictionalSite();
    open(visitor, "/sites/" + demo.key());
    assertThat(visitor.locator(".fictional-banner")).isVisible();
    look(visitor, "public-fictional", lang, screen);
    Person member = fixtures.withRole(demo.key(), SiteRole.COORDINATOR);
    Page team = page(lang, screen);
    signIn(team, member);
    open(team, "/manage/sites/" + demo.key() + "/agenda");
    assertThat(team.locator(".fictional-banner")).isVisible();
    look(team, "team-fictional", lang, screen);
  }

  // ---- set-up through the services ----

  private Participant withNamedParticipant(Site site, Person coordinator) {
    fixtures.actAs(coordinator);
    try {
      vaults.unlock(site, PASSPHRASE);
      Participant p =
          participants.register(
              site,
              new NewParticipant(
                  "women",
                  "woman",
                  "45_59",
                  "indigenous",
                  null,
                  new Identity(NAME, "la Maestra Zamudio", "443 555 0123")));
      sources.add(
          site,
          new NewSource(
              null,
              "field_diary",
              "Diario de campo: la tienda",
              "Hoy fuimos a ver a "
                  + NAME
                  + ", a quien todos llaman la Maestra Zamudio.\n"
                  + "Dejó su número, 443 555 0123, por si hay taller.\n"
                  + "Los Zamudio tienen la tienda desde hace veinte años.",
              "typed"));
      return p;
    } finally {
      fixtures.actAsNobody();
    }
  }

  private void withAProposalAnsweringASilencedIssue(Site site, Person coordinator) {
    fixtures.actAs(coordinator);
    try {
      editing.startDraft(site);
      UUID silenced =
          editing.addIssue(
              site,
              new IssueInput(
                  "Algo de lo que no se habla",
                  "Something not spoken of",
                  null,
                  null,
                  List.of("personal"),
                  true));
      editing.addProposal(
          site,
          new ProposalInput(
              "authorities",
              "Acompañar a quienes lo viven.",
              "Accompany those who live it.",
              List.of(silenced)));
    } finally {
      fixtures.actAsNobody();
    }
  }

  private Site fictionalSite() {
    String key = "demo-" + UUID.randomUUID().toString().substring(0, 6);
    return sites.registerFictional(
        new NewSite(
            key,
            "Villa Ficticia",
            "Michoacán",
            "16006",
            "Colonia Inventada",
            SiteStatus.ACTIVE,
            null,
            new LocalizedText(null, null)));
  }

  // ---- browser helpers ----

  private Page page(String lang, String screen) {
    Browser.NewContextOptions options =
        new Browser.NewContextOptions().setLocale("en".equals(lang) ? "en-GB" : "es-MX");
    if ("phone".equals(screen)) {
      options.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true);
    } else {
      options.setViewportSize(1280, 900);
    }
    return newContext(options).newPage();
  }

  private static void passwordOnly(Page page, Person person) {
    page.navigate("/login");
    page.locator("#username").fill(person.username());
    page.locator("#password").fill(Fixtures.PASSWORD);
    page.locator("main form button[type=submit]").click();
  }

  private static void open(Page page, String path) {
    Response response = page.navigate(path);
    Assertions.assertThat(response.status()).as("GET %s", path).isEqualTo(200);
  }

  private static int asked(Page page, String field) {
    return Integer.parseInt(
        page.locator("label[for=" + field + "]").textContent().replaceAll("\\D+", ""));
  }

  /** axe-core, nothing sticking out sideways, the page's language, and a screenshot. */
  private static void look(Page page, String name, String lang, String screen) {
    assertThat(page.locator("html")).hasAttribute("lang", lang);
    assertAccessible(page, name + " (" + lang + ", " + screen + ")");
    Object fits =
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
    Assertions.assertThat(fits).as("%s fits the %s's width", name, screen).isEqualTo(true);
    Object tablesFit =
        page.evaluate(
            "() => Array.from(document.querySelectorAll('.table-scroll'))"
                + ".every(t => t.scrollWidth <= t.clientWidth)");
    Assertions.assertThat(tablesFit)
        .as("%s: every table fits the %s's width without scrolling", name, screen)
        .isEqualTo(true);
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("staff-" + name + "-" + lang + "-" + screen + ".png"))
            .setFullPage(true));
  }
}
