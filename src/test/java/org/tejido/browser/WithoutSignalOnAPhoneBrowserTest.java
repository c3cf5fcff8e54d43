package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.fieldwork.FieldDiary;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A community researcher on a 390 × 844 phone loses signal: her check-in and her diary entry wait
 * on the phone as "not sent" (the entry only as a ciphertext the browser made) and go out when the
 * signal comes back; the site's private key opens the entry the browser sealed.
 */
@TejidoTest
class WithoutSignalOnAPhoneBrowserTest extends BrowserTestSupport {

  private static final String PASSPHRASE = "tejemos la agenda entre vecinas";
  private static final String WORDS = "Sin señal en la loma. La patrulla no pasó en toda la tarde.";

  /**
   * Everything the outbox keeps, its ciphertexts read as text: what someone with the phone sees.
   */
  private static final String OUTBOX =
      """
      async () => {
        const db = await new Promise((ok) => {
          const q = indexedDB.open("tejido-outbox");
          q.onsuccess = () => ok(q.result);
        });
        const items = await new Promise((ok) => {
          const q = db.transaction("items").objectStore("items").getAll();
          q.onsuccess = () => ok(q.result);
        });
        db.close();
        return JSON.stringify(items.map((i) =>
          ({ ...i, sealed: i.sealed ? new TextDecoder().decode(i.sealed) : null })));
      }""";

  private static final String ANOTHER_PERSONS_CHECK_IN =
      """
      async (safety) => {
        const db = await new Promise((ok) => {
          const q = indexedDB.open("tejido-outbox");
          q.onsuccess = () => ok(q.result);
        });
        await new Promise((ok) => {
          const tx = db.transaction("items", "readwrite");
          tx.objectStore("items").put({ id: crypto.randomUUID(), kind: "check-in",
            owner: "00000000-0000-0000-0000-000000000000", url: safety + "/check-in",
            page: safety, fields: { where: "Casa de otra", returnAt: "23:59" },
            queuedAt: new Date().toISOString() });
          tx.oncomplete = ok;
        });
        db.close();
      }""";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired JdbcClient jdbc;

  @Test
  void herCheckInAndDiaryEntryWaitOnThePhoneUntilThereIsSignal() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    BrowserContext phone = phone("es-MX");
    Page page = phone.newPage();
    signIn(page, member);

    page.navigate("/manage/sites/" + site.key() + "/safety");
    phone.setOffline(true);
    page.locator("#where").fill("Mercado municipal");
    page.locator("#returnAt").fill("23:59");
    page.locator("form[action$='/check-in'] button").tap();
    assertThat(page.locator("[data-outbox-items]")).containsText("sin enviar");
    assertThat(page.locator("[data-outbox]")).containsText("llama a quien coordina");
    screenshot(page, "offline-check-in-phone-390-es.png");
    phone.setOffline(false);
    assertThat(page.locator("#trip-heading")).hasText("Estás en campo");
    // The phone is shared: a colleague's check-in, queued here before she signed in, is hers to
    // send, never under this session.
    page.evaluate(ANOTHER_PERSONS_CHECK_IN, "/manage/sites/" + site.key() + "/safety");

    page.navigate("/manage/sites/" + site.key() + "/fieldwork/sources/new?kind=field_diary");
    phone.setOffline(true);
    assertThat(page.locator("[data-offline-note]")).isVisible();
    page.locator("#title").fill("Recorrido sin señal");
    page.locator("#text").fill(WORDS);
    page.locator("form[data-device-key] button[type=submit]").tap();
    assertThat(page.locator("[data-outbox-items]")).containsText("Entrada del diario cifrada");
    assertThat(page.locator("#text")).hasValue("");
    Assertions.assertThat((String) page.evaluate(OUTBOX))
        .as("the phone keeps the entry only as a ciphertext")
        .contains("diary-entry")
        .doesNotContain("patrulla")
        .doesNotContain("Recorrido");
    screenshot(page, "offline-diary-phone-390-es.png");

    phone.setOffline(false);
    assertThat(page.locator("[data-outbox-status]")).hasText("Enviado.");
    assertThat(page.locator("[data-outbox-items] li")).hasCount(0);
    Assertions.assertThat((String) page.evaluate(OUTBOX))
        .as("the colleague's check-in waits for her")
        .contains("Casa de otra");

    record Stored(UUID id, byte[] sealed) {}
    Stored stored =
        jdbc.sql("select id, sealed from diary_device_entry where site_id = ?")
            .param(site.id().value())
            .query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getBytes(2)))
            .single();
    Assertions.assertThat(new String(stored.sealed(), StandardCharsets.ISO_8859_1))
        .doesNotContain("patrulla");
    fixtures.actAs(coordinator);
    try {
      vaults.unlock(site, PASSPHRASE);
      String opened =
          new String(
              vaults.open(site.id(), stored.sealed(), FieldDiary.deviceContext(stored.id())),
              StandardCharsets.UTF_8);
      Assertions.assertThat(opened).contains(WORDS).contains("Recorrido sin señal");
    } finally {
      fixtures.actAsNobody();
    }

    BrowserContext english = phone("en-GB");
    Page en = english.newPage();
    signIn(en, member);
    en.navigate("/manage/sites/" + site.key() + "/fieldwork/sources/new?kind=field_diary");
    english.setOffline(true);
    assertThat(en.locator("[data-offline-note]"))
        .hasText(
            "No connection: saving encrypts the entry on this phone for the site's vault and sends"
                + " it when there is signal. After that nobody can read it on the phone.");
    screenshot(en, "offline-diary-phone-390-en.png");
  }

  private BrowserContext phone(String locale) {
    return newContext(
        new Browser.NewContextOptions()
            .setLocale(locale)
            .setViewportSize(390, 844)
            .setDeviceScaleFactor(2)
            .setIsMobile(true)
            .setHasTouch(true));
  }

  private static void screenshot(Page page, String file) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
  }
}
