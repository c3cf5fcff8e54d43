package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The audit log, the list of staff accounts and a password reset on a 390 × 844 phone, in Spanish
 * and English: one labelled block per entry or account, nothing scrolling sideways, axe-core clean,
 * and screenshots ({@code target/screenshots/logadmin-*}) to be looked at.
 */
@TejidoTest
class AuditLogAndAdministrationBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Activities activities;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void theAuditLogReadsLikeALogOnAPhone(String lang) throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, "una frase secreta del taller de prueba");
    String code =
        participants
            .register(
                site,
                new NewParticipant(
                    "women",
                    "woman",
                    "30_44",
                    "mestizo",
                    "Centro",
                    new Identity("Ana", null, null)))
            .code();
    sources.add(
        site, new NewSource(null, "transcript", "Entrevista en el mercado", "Hola.", "typed"));
    activities.create(
        site,
        new NewActivity(
            "workshop",
            LocalDate.now(),
            "Taller con mujeres de la colonia",
            List.of("women"),
            List.of(coordinator.id().value()),
            List.of()));
    fixtures.actAsNobody();

    Page page = phone(lang);
    signIn(page, coordinator);
    open(page, "/manage/sites/" + site.key() + "/audit");
    assertThat(page.locator("table.audit-log")).containsText("Entrevista en el mercado");
    assertThat(page.locator("table.audit-log")).containsText(code);
    // On a phone each entry is a block whose cells say what they are.
    Object blocks =
        page.evaluate(
            "() => getComputedStyle(document.querySelector('table.audit-log tbody tr')).display");
    Assertions.assertThat(blocks).isEqualTo("block");
    Object labelled =
        page.evaluate(
            "() => getComputedStyle(document.querySelector('table.audit-log td[data-label]'),"
                + " '::before').content");
    Assertions.assertThat((String) labelled).contains("es".equals(lang) ? "Núm." : "No.");
    look(page, "audit-log", lang);

    Person admin = fixtures.administrator();
    Page adminPage = phone(lang);
    signIn(adminPage, admin);
    open(adminPage, "/admin/audit");
    look(adminPage, "admin-audit", lang);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "en"})
  void theAdministratorResetsAPasswordOnAPhone(String lang) throws Exception {
    Site site = fixtures.freshSite();
    Person person = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    Person admin = fixtures.administrator();
    Page page = phone(lang);
    signIn(page, admin);
    open(page, "/admin/users");
    assertThat(page.locator("main table")).containsText(site.municipality());
    look(page, "admin-users", lang);

    open(page, "/admin/users/" + person.id().value());
    assertThat(page.locator("#role")).hasValue("");
    look(page, "admin-user", lang);
    page.locator("#password-reset button[type=submit]").click();
    String temporary = page.locator("#temporary-password code").textContent().strip();
    look(page, "admin-user-password", lang);

    Page theirs = phone(lang);
    theirs.navigate("/login");
    theirs.locator("#username").fill(person.username());
    theirs.locator("#password").fill(temporary);
    theirs.locator("main form button[type=submit]").click();
    theirs.waitForURL("**/account/password");
    assertThat(theirs.locator("#password-due")).isVisible();
    assertThat(theirs.locator("header a[href='/login']")).hasCount(0);
    assertThat(theirs.locator("main form[action='/logout'] button")).isVisible();
    look(theirs, "password-due", lang);
    theirs.locator("#current").fill(temporary);
    theirs.locator("#password").fill("mi contraseña nueva y larga");
    theirs.locator("#confirmation").fill("mi contraseña nueva y larga");
    theirs.locator("main form.stacked button[type=submit]").click();
    theirs.waitForURL("**/manage");
  }

  private Page phone(String lang) {
    return newContext(
            new Browser.NewContextOptions()
                .setLocale("en".equals(lang) ? "en-GB" : "es-MX")
                .setViewportSize(390, 844)
                .setIsMobile(true)
                .setHasTouch(true))
        .newPage();
  }

  private static void open(Page page, String path) {
    Response response = page.navigate(path);
    Assertions.assertThat(response.status()).as("GET %s", path).isEqualTo(200);
  }

  /** axe-core, nothing sticking out sideways, the page's language, and a screenshot. */
  private static void look(Page page, String name, String lang) throws Exception {
    assertThat(page.locator("html")).hasAttribute("lang", lang);
    assertAccessible(page, name + " (" + lang + ", phone)");
    Object fits =
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
    Assertions.assertThat(fits).as("%s fits the phone's width", name).isEqualTo(true);
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("logadmin-" + name + "-" + lang + ".png")));
  }
}
