package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * A new coordinator's first sign-in in the browser: they set up their authenticator from the key
 * shown on the page and keep their recovery codes. Then they create their site's vault: passphrase,
 * the recovery key shown until confirmed, two of its groups typed back (wrong first), and the vault
 * page lists who holds a key; a colleague's key goes when the administrator removes them from the
 * site. A later sign-in asks for the authenticator's code.
 */
@TejidoTest
class VaultCeremonyBrowserTest extends BrowserTestSupport {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String COLLEAGUE = "la frase larga del otro coordinador";
  private static final Pattern GROUP = Pattern.compile("(\\d+)");

  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void aNewCoordinatorEnrolsCreatesTheVaultConfirmsTheKeyAndARemovedColleaguesKeyGoes() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person colleague = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person admin = fixtures.administrator();
    String vault = "/manage/sites/" + site.key() + "/vault";

    // First sign-in: the password, then the authenticator is set up from the key on the page.
    Page page = newPage("es-MX");
    typePassword(page, coordinator);
    page.waitForURL("**/account/second-factor");
    assertThat(page.locator("h1")).hasText("Configura tu segundo factor");
    String secret = page.locator("code.secret").textContent();
    page.locator("#code").fill(Totp.code(secret, Instant.now()));
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator("h1")).hasText("Tus códigos de recuperación");
    List<String> recoveryCodes = page.locator("ul.recovery-codes li code").allTextContents();
    Assertions.assertThat(recoveryCodes)
        .hasSize(10)
        .doesNotHaveDuplicates()
        .allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
    page.locator("main a.button.primary").click();
    page.waitForURL("**/manage");

    page.navigate(vault);
    page.locator("#new-passphrase").fill(PASSPHRASE);
    page.locator("#new-confirmation").fill(PASSPHRASE);
    page.locator("form[action$='/vault'] button[type=submit]").click();
    page.waitForURL("**" + vault + "/recovery-key");
    List<String> groups = page.locator("ol.recovery-key li code").allTextContents();
    Assertions.assertThat(groups).hasSize(13).allMatch(g -> g.matches("[0-9A-Z]{4}"));
    String key = String.join("-", groups);
    assertThat(page.locator(".recovery-key-line")).hasText(key);
    // Until it is confirmed the key can be shown again; the page says when it no longer can.
    assertThat(page.locator(".callout"))
        .containsText("una vez confirmada, Tejido no la mostrará nunca más");
    assertThat(page.locator("button[data-print]")).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(shot("vault-recovery-key.png")).setFullPage(true));
    Assertions.assertThat(exists(site)).isFalse();

    page.locator("a[href$='/recovery-key/confirm']").click();
    page.waitForURL("**" + vault + "/recovery-key/confirm");
    int first = position(page.locator("label[for=first]").textContent());
    int second = position(page.locator("label[for=second]").textContent());
    Assertions.assertThat(page.content()).doesNotContain(key);

    // A wrong group first.
    page.locator("#first").fill(groups.get(first - 1));
    page.locator("#second").fill(groups.get(second - 1).equals("0000") ? "1111" : "0000");
    page.locator("main form.stacked button[type=submit]").click();
    assertThat(page.locator(".error-summary")).containsText("Eso no es lo que dice la clave");
    Assertions.assertThat(exists(site)).isFalse();

    page.locator("#first").fill(groups.get(first - 1).toLowerCase(java.util.Locale.ROOT));
    page.locator("#second").fill(groups.get(second - 1));
    page.locator("main form.stacked button[type=submit]").click();
    page.waitForURL("**" + vault);
    assertThat(page.locator(".notice")).containsText("La bóveda está creada y abierta");
    assertThat(page.locator("table.holders tbody tr")).hasCount(2);
    assertThat(page.locator("table.holders")).containsText("Test coordinator (coordinación)");
    assertThat(page.locator("table.holders")).containsText("La clave de recuperación");
    Assertions.assertThat(exists(site)).isTrue();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(shot("vault-holders.png")).setFullPage(true));

    // The colleague sets a passphrase of their own (the vault is open) and becomes a holder.
    Page other = newPage("es-MX");
    signIn(other, colleague);
    other.navigate(vault);
    other.locator("#my-passphrase").fill(COLLEAGUE);
    other.locator("#my-confirmation").fill(COLLEAGUE);
    other.locator("form[action$='/vault/passphrase'] button[type=submit]").click();
    other.waitForURL("**" + vault);
    assertThat(other.locator("table.holders tbody tr")).hasCount(3);
    Assertions.assertThat(wraps(site)).contains("user:" + colleague.id().value());

    // The administrator removes the colleague from the site: their key goes with the role.
    Page adminPage = newPage("es-MX");
    signIn(adminPage, admin);
    adminPage.navigate("/admin/users/" + colleague.id().value());
    // Removing a role asks first: the real button is inside the confirmation.
    adminPage
        .locator("details:has(form[action$='/memberships/" + site.key() + "/delete']) > summary")
        .click();
    adminPage.locator("form[action$='/memberships/" + site.key() + "/delete'] button").click();
    adminPage.waitForLoadState();
    Assertions.assertThat(wraps(site))
        .containsExactlyInAnyOrder("user:" + coordinator.id().value(), "recovery");

    // A later sign-in asks for the code the coordinator's authenticator shows.
    page.locator("header form[action$='/logout'] button").click();
    typePassword(page, coordinator);
    page.waitForURL("**/account/second-factor");
    assertThat(page.locator("h1")).hasText("Segundo factor");
    // The step after the one spent at enrolment: the code the app shows next.
    page.locator("#code").fill(Totp.code(secret, Instant.now().plus(SecondFactors.STEP)));
    page.locator("main form.stacked button[type=submit]").click();
    page.waitForURL("**/manage");
    page.navigate(vault);
    assertThat(page.locator("table.holders tbody tr")).hasCount(2);
  }

  private static void typePassword(Page page, Person person) {
    page.navigate("/login");
    page.locator("#username").fill(person.username());
    page.locator("#password").fill(Fixtures.PASSWORD);
    page.locator("main form button[type=submit]").click();
  }

  private boolean exists(Site site) {
    return jdbc.sql("select count(*) from site_vault where site_id = ?")
            .param(site.id().value())
            .query(Integer.class)
            .single()
        > 0;
  }

  private List<String> wraps(Site site) {
    return jdbc.sql("select holder from site_vault_key where site_id = ?")
        .param(site.id().value())
        .query(String.class)
        .list();
  }

  private static int position(String label) {
    Matcher m = GROUP.matcher(label);
    Assertions.assertThat(m.find()).as("a group number in «%s»", label).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static Path shot(String name) {
    return SCREENSHOTS.resolve(name);
  }
}
