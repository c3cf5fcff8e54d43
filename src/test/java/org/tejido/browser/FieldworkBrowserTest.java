package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.ViewportSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Fieldwork in the browser: a community researcher writes in the field diary on a phone, a
 * coordinator opens the vault and de-identifies what was written, a researcher registers a
 * participant and their consent; and axe-core on every fieldwork page. Each test uses a fresh site
 * with its own vault, so the demo sites and other tests are not disturbed.
 */
@TejidoTest
class FieldworkBrowserTest extends BrowserTestSupport {

  static final String PASSPHRASE = "tejemos la agenda entre vecinas";
  static final String DIARY_TITLE = "Visita a la tienda de la esquina";
  static final String NEIGHBOUR = "doña Estela Ruvalcaba";
  static final String PHONE = "443 555 0101";
  static final String DIARY =
      "Hoy "
          + NEIGHBOUR
          + " me dio su número "
          + PHONE
          + " para avisarnos si vuelven a cerrar la calle.";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Participants participants;

  /** A fresh site whose vault its coordinator created with {@link #PASSPHRASE}; it is locked. */
  record FieldSite(Site site, Person coordinator) {
    String fieldwork() {
      return "/manage/sites/" + site.key() + "/fieldwork";
    }
  }

  @Test
  void communityResearcherRecordsADiaryEntryOnAPhone() throws Exception {
    FieldSite fs = siteWithVault();
    Person community = fixtures.withRole(fs.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    Page page = phone("es-MX");

    signIn(page, community);
    page.getByRole(AriaRole.LINK, name("Trabajo de campo")).tap();
    page.waitForURL("**" + fs.fieldwork());
    assertThat(page.locator("h1")).hasText("Trabajo de campo en " + fs.site().municipality());
    // Her role never reads the vault: no callout about opening it.
    assertThat(page.locator(".callout strong")).hasCount(0);
    assertThat(page.getByText("Aún no hay fuentes.")).isVisible();
    assertNoHorizontalScroll(page);
    screenshot(page, "fieldwork-overview-phone-es.png");

    page.getByRole(AriaRole.LINK, name("Escribir en el diario de campo")).tap();
    page.waitForURL(Pattern.compile(".*/fieldwork/sources/new\\?kind=field_diary$"));
    assertThat(page.locator("h1")).hasText("Escribir en el diario de campo");
    assertThat(page.locator("#kind")).hasValue("field_diary");
    page.locator("#title").fill(DIARY_TITLE);
    page.locator("#text").fill(DIARY);
    assertNoHorizontalScroll(page);
    screenshot(page, "diary-form-phone-es.png");

    // The phone thinks it has signal but nothing gets through (Wi-Fi without internet): the form
    // says so and keeps every word; nothing was sent, nothing is lost. (With no signal at all the
    // entry is sealed on the phone instead: WithoutSignalOnAPhoneBrowserTest.)
    page.route("**/fieldwork/sources", com.microsoft.playwright.Route::abort);
    page.getByRole(AriaRole.BUTTON, name("Guardar")).tap();
    assertThat(page.getByRole(AriaRole.ALERT))
        .hasText(
            "No se pudo conectar con Tejido: vuelve a enviarlo cuando tengas señal. Lo que"
                + " escribiste sigue aquí.");
    assertThat(page).hasURL(Pattern.compile(".*/fieldwork/sources/new\\?kind=field_diary$"));
    assertThat(page.locator("#title")).hasValue(DIARY_TITLE);
    assertThat(page.locator("#text")).hasValue(DIARY);
    assertThat(page.getByRole(AriaRole.BUTTON, name("Guardar"))).isEnabled();
    assertNoHorizontalScroll(page);
    screenshot(page, "diary-form-offline-phone-es.png");
    page.unroute("**/fieldwork/sources");

    // A file over the limit: Tejido's own explanation, and still nothing lost.
    page.locator("#file")
        .setInputFiles(new FilePayload("diario.txt", "text/plain", new byte[30 * 1024 * 1024]));
    page.getByRole(AriaRole.BUTTON, name("Guardar")).tap();
    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Tejido acepta hasta");
    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Lo que escribiste sigue aquí.");
    assertThat(page.locator("#text")).hasValue(DIARY);
    page.locator("#file").setInputFiles(new Path[0]);

    page.getByRole(AriaRole.BUTTON, name("Guardar")).tap();

    // Saved, sealed to the vault: the community researcher cannot read it back.
    page.waitForURL(Pattern.compile(".*/fieldwork/sources/[0-9a-f-]{36}$"));
    // htmx keeps no copy of the pages it replaced (its history cache would hold what they
    // showed, in the browser's storage, on the phone).
    Assertions.assertThat(page.evaluate(BrowserTestSupport.STORED_BY_THE_PAGE))
        .as("what the browser stored for the site: the current path only, no page content")
        .isEqualTo(BrowserTestSupport.ONLY_THE_CURRENT_PATH);
    assertThat(page.locator(".notice"))
        .hasText("Entrada guardada y cifrada. Puedes corregirla durante 24 horas.");
    assertThat(page.locator("h1")).hasText(DIARY_TITLE);
    assertThat(page.locator("main .tag")).hasText("Diario de campo");
    assertThat(page.locator("main .badge")).hasText("Sin anonimizar");
    // Her role never reads the vault: no section about the text kept in it, no vault callout.
    assertThat(page.locator("section[aria-labelledby=raw-heading]")).hasCount(0);
    assertThat(page.locator("main .callout")).hasCount(0);
    assertThat(page.locator("#clean-heading")).hasCount(0);
    assertThat(page.locator("main")).not().containsText("Ruvalcaba");
    assertThat(page.locator("main")).not().containsText(PHONE);
    assertThat(page.getByRole(AriaRole.LINK, name("Anonimizar"))).hasCount(0);
    assertNoHorizontalScroll(page);
    Path shot = screenshot(page, "diary-phone-es.png");
    Assertions.assertThat(Files.size(shot)).isGreaterThan(10_000);

    // Back on the fieldwork page, the entry waits to be de-identified.
    page.locator("nav.breadcrumb a").last().tap();
    page.waitForURL("**" + fs.fieldwork());
    Locator listed =
        page.locator("section[aria-labelledby=sources-heading] li")
            .filter(new Locator.FilterOptions().setHasText(DIARY_TITLE));
    assertThat(listed).hasCount(1);
    assertThat(listed.locator(".tag")).hasText("Diario de campo");
    assertThat(listed.locator(".badge")).hasText("Sin anonimizar");
    assertNoHorizontalScroll(page);
  }

  @Test
  void withoutSignalTheDiaryFormSaysSoInEnglishAndKeepsTheWords() {
    FieldSite fs = siteWithVault();
    Person community = fixtures.withRole(fs.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    Page page = phone("en-GB");
    signIn(page, community);
    open(page, fs.fieldwork() + "/sources/new?kind=field_diary");
    page.locator("#title").fill(DIARY_TITLE);
    page.locator("#text").fill(DIARY);

    // Nothing gets through although the phone thinks it is online.
    page.route("**/fieldwork/sources", com.microsoft.playwright.Route::abort);
    page.getByRole(AriaRole.BUTTON, name("Save")).tap();
    assertThat(page.getByRole(AriaRole.ALERT))
        .hasText(
            "Could not reach Tejido: send it again when you have a signal. What you wrote is"
                + " still here.");
    assertThat(page.locator("#text")).hasValue(DIARY);
    assertNoHorizontalScroll(page);
    screenshot(page, "diary-form-offline-phone-en.png");
    page.unroute("**/fieldwork/sources");
  }

  @Test
  void coordinatorUnlocksTheVaultDeidentifiesTheDiaryAndSeesItReadyForAnalysis() {
    coordinatorDeidentifiesADiary(Ui.SPANISH);
  }

  @Test
  void coordinatorDoesTheSameInEnglish() {
    coordinatorDeidentifiesADiary(Ui.ENGLISH);
  }

  @Test
  void participantRegistrationAndConsentOnAPhone() {
    FieldSite fs = siteWithVault();
    Person researcher = fixtures.withRole(fs.site().key(), SiteRole.RESEARCHER);
    Page page = phone("es-MX");

    signIn(page, researcher);
    page.getByRole(AriaRole.LINK, name("Trabajo de campo")).tap();
    page.waitForURL("**" + fs.fieldwork());
    page.getByRole(AriaRole.LINK, name("Nueva persona participante")).tap();
    page.waitForURL("**" + fs.fieldwork() + "/participants/new");
    assertThat(page.locator("h1")).hasText("Nueva persona participante");
    // Every choice of each closed list is offered (plus "Elige…").
    assertThat(page.locator("#populationGroup option")).hasCount(6);
    assertThat(page.locator("#gender option")).hasCount(5);
    assertThat(page.locator("#ageBand option")).hasCount(7);
    assertThat(page.locator("#ethnicity option")).hasCount(6);

    page.getByLabel("Grupo", new Page.GetByLabelOptions().setExact(true)).selectOption("women");
    page.getByLabel("Género").selectOption("woman");
    page.getByLabel("Edad").selectOption("45_59");
    page.getByLabel("Pertenencia étnica").selectOption("indigenous");
    page.getByLabel("Colonia").fill("Colonia de prueba");
    Locator identity = page.locator("fieldset.vault-fields");
    assertThat(identity.locator("legend")).hasText("Identidad");
    identity.getByLabel("Nombre").fill("Estela Ruvalcaba Méndez");
    identity.getByLabel("Alias o apodo").fill("La Güera");
    identity.getByLabel("Contacto").fill(PHONE);
    assertNoHorizontalScroll(page);
    screenshot(page, "participant-form-phone-es.png");
    page.getByRole(AriaRole.BUTTON, name("Guardar")).tap();

    // The participant is a code; who they are went into the vault.
    page.waitForURL(Pattern.compile(".*/fieldwork/participants/[0-9a-f-]{36}$"));
    assertThat(page.locator("h1")).hasText(Pattern.compile("^TES-\\d{3}$"));
    String code = page.locator("h1").textContent().strip();
    assertThat(page.locator(".notice")).hasText("Se registró a " + code + ".");
    Locator facts = page.locator("main > dl.facts");
    assertThat(facts).containsText("Mujeres");
    assertThat(facts).containsText("45 a 59");
    assertThat(facts).containsText("Indígena");
    Locator identitySection = page.locator("section[aria-labelledby=identity-heading]");
    assertThat(identitySection).containsText("La identidad está en la bóveda: ábrela para verla.");
    assertThat(page.locator("main")).not().containsText("Ruvalcaba");
    assertThat(page.locator("main")).not().containsText("Güera");
    assertThat(page.locator("main")).not().containsText(PHONE);
    assertThat(page.getByText("Aún no hay consentimiento registrado.")).isVisible();

    // A verbal consent, to take part and be quoted.
    Locator consent =
        page.locator("form")
            .filter(
                new Locator.FilterOptions()
                    .setHas(page.getByRole(AriaRole.HEADING, name("Registrar un consentimiento"))));
    consent.getByLabel("Verbal").check();
    assertThat(consent.getByLabel("Participar")).isChecked();
    consent
        .getByLabel("Ser citada o citado", new Locator.GetByLabelOptions().setExact(true))
        .check();
    assertThat(consent.getByLabel("Versión del formulario")).hasValue("v1");
    consent.getByRole(AriaRole.BUTTON, button("Guardar")).tap();

    page.waitForURL(Pattern.compile(".*/fieldwork/participants/[0-9a-f-]{36}$"));
    assertThat(page.locator(".notice")).hasText("Consentimiento registrado.");
    Locator consents = page.locator("section[aria-labelledby=consent-heading] ul.list > li");
    assertThat(consents).hasCount(1);
    assertThat(consents.first()).containsText("Verbal");
    assertThat(consents.first()).containsText("formulario v1");
    assertThat(consents.first()).containsText("Participar, Ser citada o citado");
    assertThat(consents.first()).not().containsText("agendas publicadas");
    assertThat(page.getByText("Aún no hay consentimiento registrado.")).hasCount(0);
    assertThat(identitySection).containsText("La identidad está en la bóveda: ábrela para verla.");
    assertNoHorizontalScroll(page);
    screenshot(page, "participant-phone-es.png");

    // Once a coordinator opens the vault, the researcher reads the identity; locked, no more.
    asCoordinator(fs, () -> vaults.unlock(fs.site(), PASSPHRASE));
    try {
      page.reload();
      assertThat(identitySection.locator("dl.facts")).containsText("Estela Ruvalcaba Méndez");
      assertThat(identitySection.locator("dl.facts")).containsText("La Güera");
      assertThat(identitySection).containsText("Esta lectura quedó registrada en la bitácora.");
      assertNoHorizontalScroll(page);
    } finally {
      asCoordinator(fs, () -> vaults.lock(fs.site()));
    }
    page.reload();
    assertThat(identitySection).containsText("La identidad está en la bóveda: ábrela para verla.");
    assertThat(page.locator("main")).not().containsText("Ruvalcaba");

    // The fieldwork page lists the participant by code only.
    page.locator("nav.breadcrumb a").last().tap();
    page.waitForURL("**" + fs.fieldwork());
    Locator row =
        page.locator("section[aria-labelledby=participants-heading] tbody tr")
            .filter(new Locator.FilterOptions().setHasText(code));
    assertThat(row).hasCount(1);
    assertThat(page.locator("main")).not().containsText("Ruvalcaba");
    assertNoHorizontalScroll(page);
    screenshot(page, "fieldwork-overview-participant-phone-es.png");
  }

  @Test
  void fieldworkPagesHaveNoSeriousViolationsInSpanish() {
    FieldSite fs = siteWithVault();
    UUID source = diaryBy(fs.site(), fs.coordinator());
    Participant participant = participantBy(fs.site(), fs.coordinator());
    Page page = newPage("es-MX");
    signIn(page, fs.coordinator());
    String fieldwork = fs.fieldwork();
    String vault = "/manage/sites/" + fs.site().key() + "/vault";

    open(page, fieldwork);
    assertThat(page.locator(".callout strong").first()).hasText("Bóveda cerrada");
    check(page, "overview-locked-es");

    open(page, vault);
    assertThat(page.locator("#state-heading")).hasText("Bóveda cerrada");
    check(page, "vault-locked-es");

    page.locator("#passphrase").fill("not the passphrase at all");
    page.getByRole(AriaRole.BUTTON, name("Abrir la bóveda")).click();
    assertThat(page.locator(".error-summary")).isVisible();
    check(page, "vault-wrong-passphrase-es");

    page.locator("#passphrase").fill(PASSPHRASE);
    page.getByRole(AriaRole.BUTTON, name("Abrir la bóveda")).click();
    assertThat(page.locator(".notice")).hasText("Abriste la bóveda.");
    assertThat(page.locator("#state-heading")).hasText("Bóveda abierta");
    check(page, "vault-unlocked-es");

    open(page, fieldwork);
    assertThat(page.locator(".callout strong").first()).hasText("Bóveda abierta");
    check(page, "overview-unlocked-es");

    open(page, fieldwork + "/sources/new?kind=field_diary");
    assertThat(page.locator("h1")).hasText("Escribir en el diario de campo");
    check(page, "source-form-es");

    page.getByRole(AriaRole.BUTTON, name("Guardar")).click();
    assertThat(page.locator(".error-summary")).isVisible();
    assertThat(page.locator("#title")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#title")).hasAttribute("aria-describedby", "title-error");
    assertThat(page.locator("#title-error")).hasText("Este campo es obligatorio.");
    check(page, "source-form-errors-es");

    open(page, fieldwork + "/activities/new");
    check(page, "activity-form-es");

    page.getByRole(AriaRole.BUTTON, name("Guardar")).click();
    assertThat(page.locator("#kind")).hasAttribute("aria-describedby", "kind-error");
    check(page, "activity-form-errors-es");

    open(page, fieldwork + "/participants/new");
    check(page, "participant-form-es");

    page.getByRole(AriaRole.BUTTON, name("Guardar")).click();
    assertThat(page.locator(".error-summary")).isVisible();
    assertThat(page.locator("#ageBand")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#ageBand")).hasAttribute("aria-describedby", "ageBand-error");
    assertThat(page.locator("#ageBand-error")).isVisible();
    check(page, "participant-form-errors-es");

    open(page, fieldwork + "/participants/" + participant.id());
    assertThat(page.locator("section[aria-labelledby=identity-heading]"))
        .containsText("Estela Ruvalcaba Méndez");
    check(page, "participant-es");

    open(page, fieldwork + "/sources/" + source);
    assertThat(page.locator(".turns.raw")).containsText(DIARY);
    check(page, "source-raw-es");

    open(page, fieldwork + "/sources/" + source + "/deidentify");
    page.locator("#term").fill(NEIGHBOUR);
    page.locator("#term-kind").selectOption("PERSON");
    page.getByRole(AriaRole.BUTTON, name("Añadir a los nombres a ocultar")).click();
    assertThat(page.locator(".proposals-list > li")).hasCount(2);
    check(page, "deidentify-es");

    page.locator("#wholeText").check();
    page.getByRole(AriaRole.BUTTON, name("Aplicar y marcar como lista")).click();
    assertThat(page.locator("#clean-heading")).isVisible();
    check(page, "source-ready-es");

    open(page, fieldwork + "/gazetteer");
    assertThat(page.locator("tbody tr")).hasCount(1);
    check(page, "gazetteer-es");

    page.locator("#term").fill("x");
    page.getByRole(AriaRole.BUTTON, name("Añadir a los nombres a ocultar")).click();
    assertThat(page.locator(".error-summary")).hasText("Revisa los campos marcados abajo.");
    assertThat(page.locator("#term-error")).hasText("Escribe al menos 2 caracteres.");
    assertThat(page.locator("#term")).hasAttribute("aria-describedby", "term-error");
    check(page, "gazetteer-errors-es");

    // A vault created through the page shows its recovery key once.
    Site other = fixtures.freshSite();
    Person founder = fixtures.withRole(other.key(), SiteRole.COORDINATOR);
    Page second = newPage("es-MX");
    signIn(second, founder);
    open(second, "/manage/sites/" + other.key() + "/vault");
    assertThat(second.locator("#create-heading")).hasText("Crear la bóveda");
    check(second, "vault-missing-es");
    second.locator("#new-passphrase").fill(PASSPHRASE);
    second.locator("#new-confirmation").fill(PASSPHRASE);
    second.getByRole(AriaRole.BUTTON, name("Crear la bóveda")).click();
    assertThat(second.locator("h1")).containsText("Clave de recuperación");
    assertThat(second.locator(".recovery-key-line code"))
        .hasText(Pattern.compile("^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$"));
    check(second, "recovery-key-es");
    second.getByRole(AriaRole.LINK, name("Ya la guardé")).click();
    assertThat(second.locator("h1")).hasText("Escribe parte de la clave de recuperación");
    check(second, "recovery-key-confirm-es");
  }

  @Test
  void fieldworkPagesHaveNoSeriousViolationsInEnglish() {
    FieldSite fs = siteWithVault();
    UUID source = diaryBy(fs.site(), fs.coordinator());
    asCoordinator(fs, () -> vaults.unlock(fs.site(), PASSPHRASE));
    try {
      Page page = newPage("en-GB");
      signIn(page, fs.coordinator());

      open(page, fs.fieldwork());
      assertThat(page.locator("h1")).hasText("Fieldwork in " + fs.site().municipality());
      assertThat(page.locator("html")).hasAttribute("lang", "en");
      check(page, "overview-en");

      open(page, fs.fieldwork() + "/sources/" + source + "/deidentify");
      assertThat(page.locator("h1")).hasText("De-identify the source");
      assertThat(page.locator(".proposals-list mark"))
          .hasText(new String[] {"Estela Ruvalcaba", PHONE});
      check(page, "deidentify-en");
    } finally {
      asCoordinator(fs, () -> vaults.lock(fs.site()));
    }
  }

  // ---- the coordinator's flow, in either language ----

  /** The words the coordinator's flow looks for, in one language. */
  record Ui(
      String lang,
      String locale,
      String fieldworkLink,
      String vaultLink,
      String locked,
      String open,
      String unlock,
      String unlockedNotice,
      String rawText,
      String audited,
      String deidentify,
      String deidentifyTitle,
      String addToGazetteer,
      String addedNotice,
      String replacementOf,
      String apply,
      String deidentifiedNotice,
      String forAnalysis,
      String ready,
      String notDeidentified,
      String lockNow,
      String lockedNotice,
      String rawLocked) {

    static final Ui SPANISH =
        new Ui(
            "es",
            "es-MX",
            "Trabajo de campo",
            "Bóveda",
            "Bóveda cerrada",
            "Bóveda abierta",
            "Abrir la bóveda",
            "Abriste la bóveda.",
            "Texto original",
            "Esta lectura quedó registrada en la bitácora.",
            "Anonimizar",
            "Anonimizar la fuente",
            "Añadir a los nombres a ocultar",
            "Se añadió a los nombres a ocultar como [PERSONA-1].",
            "Reemplazo de «%s»",
            "Aplicar y marcar como lista",
            "La fuente quedó anonimizada y lista para el análisis.",
            "Texto listo para el análisis",
            "Lista para el análisis",
            "Sin anonimizar",
            "Cerrar ahora",
            "Cerraste la bóveda.",
            "El texto original está en la bóveda: ábrela para verlo y anonimizarlo.");

    static final Ui ENGLISH =
        new Ui(
            "en",
            "en-GB",
            "Fieldwork",
            "Vault",
            "Vault locked",
            "Vault open",
            "Open the vault",
            "You opened the vault.",
            "Unedited text",
            "This reading was recorded in the audit log.",
            "De-identify",
            "De-identify the source",
            "Add to the gazetteer",
            "Added to the gazetteer as [PERSONA-1].",
            "Replacement for \"%s\"",
            "Apply and mark ready",
            "The source is de-identified and ready for analysis.",
            "Text ready for analysis",
            "Ready for analysis",
            "Not de-identified",
            "Lock now",
            "You locked the vault.",
            "The unedited text is in the vault: open it to see and de-identify it.");
  }

  /**
   * A community researcher has written {@link #DIARY} on a fresh site; its coordinator signs in,
   * opens the vault, reads the diary, adds the neighbour to the gazetteer, accepts the proposals
   * (renaming the phone's token), applies them, and locks the vault again.
   */
  private void coordinatorDeidentifiesADiary(Ui ui) {
    FieldSite fs = siteWithVault();
    Person community = fixtures.withRole(fs.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    UUID source = diaryBy(fs.site(), community);
    String sourcePath = fs.fieldwork() + "/sources/" + source;
    Page page = newPage(ui.locale());

    signIn(page, fs.coordinator());
    assertThat(page.locator("html")).hasAttribute("lang", ui.lang());
    page.getByRole(AriaRole.LINK, name(ui.fieldworkLink())).click();
    page.waitForURL("**" + fs.fieldwork());
    assertThat(page.locator(".callout strong").first()).hasText(ui.locked());
    Locator listed =
        page.locator("section[aria-labelledby=sources-heading] li")
            .filter(new Locator.FilterOptions().setHasText(DIARY_TITLE));
    assertThat(listed.locator(".badge")).hasText(ui.notDeidentified());

    // Open the vault with the passphrase.
    page.locator("nav.site-menu")
        .getByRole(
            AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.vaultLink()).setExact(true))
        .click();
    page.waitForURL("**/manage/sites/" + fs.site().key() + "/vault");
    assertThat(page.locator("#state-heading")).hasText(ui.locked());
    page.locator("#passphrase").fill(PASSPHRASE);
    page.getByRole(AriaRole.BUTTON, name(ui.unlock())).click();
    assertThat(page.locator(".notice")).hasText(ui.unlockedNotice());
    assertThat(page.locator("#state-heading")).hasText(ui.open());
    screenshot(page, "vault-open-desktop-" + ui.lang() + ".png");

    // The diary's own words, now readable (and the reading audited).
    page.locator("nav.breadcrumb a").last().click();
    page.waitForURL("**" + fs.fieldwork());
    page.getByRole(AriaRole.LINK, name(DIARY_TITLE)).click();
    page.waitForURL("**" + sourcePath);
    assertThat(page.locator("#raw-heading")).hasText(ui.rawText());
    assertThat(page.locator(".turns.raw .turn")).hasText(new String[] {DIARY});
    assertThat(page.locator("section[aria-labelledby=raw-heading]")).containsText(ui.audited());
    assertThat(page.locator("main .badge")).hasText(ui.notDeidentified());
    page.getByRole(AriaRole.LINK, name(ui.deidentify())).click();

    // Nobody listed the neighbour, yet her name is proposed ("doña" + a name); once she is in
    // the gazetteer, the whole "doña Estela Ruvalcaba" is.
    page.waitForURL("**" + sourcePath + "/deidentify");
    assertThat(page.locator("h1")).hasText(ui.deidentifyTitle());
    assertThat(page.locator(".proposals-list mark"))
        .hasText(new String[] {"Estela Ruvalcaba", PHONE});
    page.locator("#term").fill(NEIGHBOUR);
    page.locator("#term-kind").selectOption("PERSON");
    page.getByRole(AriaRole.BUTTON, name(ui.addToGazetteer())).click();
    assertThat(page.locator(".notice")).hasText(ui.addedNotice());
    assertThat(page.locator(".proposals-list mark")).hasText(new String[] {NEIGHBOUR, PHONE});
    Locator neighbourToken = page.getByLabel(String.format(ui.replacementOf(), NEIGHBOUR));
    Locator phone = page.getByLabel(String.format(ui.replacementOf(), PHONE));
    assertThat(neighbourToken).hasValue("[PERSONA-1]");
    assertThat(phone).hasValue("[TEL]");
    Locator accepted = page.locator(".proposals-list input[type=checkbox]");
    assertThat(accepted).hasCount(2);
    for (int i = 0; i < 2; i++) {
      assertThat(accepted.nth(i)).isChecked();
    }
    phone.fill("[TEL-VECINA]");
    screenshot(page, "deidentify-desktop-" + ui.lang() + ".png");
    page.locator("#wholeText").check();
    page.getByRole(AriaRole.BUTTON, name(ui.apply())).click();

    // Ready for analysis, with tokens where the name and the number were.
    page.waitForURL("**" + sourcePath);
    assertThat(page.locator(".notice")).hasText(ui.deidentifiedNotice());
    assertThat(page.locator("main .badge")).hasText(ui.ready());
    assertThat(page.locator("#clean-heading")).hasText(ui.forAnalysis());
    Locator clean = page.locator("section[aria-labelledby=clean-heading] .turn");
    assertThat(clean)
        .hasText(
            new String[] {
              "Hoy [PERSONA-1] me dio su número [TEL-VECINA] para avisarnos si vuelven a cerrar la"
                  + " calle."
            });
    screenshot(page, "source-ready-desktop-" + ui.lang() + ".png");

    // Lock the vault: the analysis text stays, the raw words are gone from the page.
    page.locator("nav.breadcrumb a").last().click();
    page.waitForURL("**" + fs.fieldwork());
    assertThat(listed.locator(".badge")).hasText(ui.ready());
    page.locator("nav.site-menu")
        .getByRole(
            AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.vaultLink()).setExact(true))
        .click();
    page.getByRole(AriaRole.BUTTON, name(ui.lockNow())).click();
    assertThat(page.locator(".notice")).hasText(ui.lockedNotice());
    assertThat(page.locator("#state-heading")).hasText(ui.locked());

    Response response = page.navigate(sourcePath);
    Assertions.assertThat(response.status()).isEqualTo(200);
    assertThat(page.locator("section[aria-labelledby=raw-heading] p.callout"))
        .hasText(ui.rawLocked());
    assertThat(page.locator(".turns.raw")).hasCount(0);
    assertThat(page.locator("main")).not().containsText("Ruvalcaba");
    assertThat(page.locator("main")).not().containsText(PHONE);
    assertThat(page.getByRole(AriaRole.LINK, name(ui.deidentify()))).hasCount(0);
    assertThat(clean).hasCount(1);
    assertThat(clean).containsText("[PERSONA-1]");
    screenshot(page, "source-locked-desktop-" + ui.lang() + ".png");
  }

  // ---- set-up through the services ----

  private FieldSite siteWithVault() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    FieldSite fs = new FieldSite(site, coordinator);
    asCoordinator(fs, () -> vaults.create(site, PASSPHRASE));
    return fs;
  }

  private UUID diaryBy(Site site, Person author) {
    fixtures.actAs(author);
    try {
      return sources.add(site, new NewSource(null, "field_diary", DIARY_TITLE, DIARY, "typed"));
    } finally {
      fixtures.actAsNobody();
    }
  }

  private Participant participantBy(Site site, Person author) {
    fixtures.actAs(author);
    try {
      return participants.register(
          site,
          new NewParticipant(
              "women",
              "woman",
              "45_59",
              "indigenous",
              null,
              new Identity("Estela Ruvalcaba Méndez", "La Güera", PHONE)));
    } finally {
      fixtures.actAsNobody();
    }
  }

  /** Runs service calls as the site's coordinator. */
  private void asCoordinator(FieldSite fs, Runnable action) {
    fixtures.actAs(fs.coordinator());
    try {
      action.run();
    } finally {
      fixtures.actAsNobody();
    }
  }

  // ---- browser helpers ----

  private Page phone(String locale) {
    return newContext(
            new Browser.NewContextOptions()
                .setLocale(locale)
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true))
        .newPage();
  }

  private static void open(Page page, String path) {
    Response response = page.navigate(path);
    Assertions.assertThat(response.status()).as("GET %s", path).isEqualTo(200);
  }

  /**
   * axe-core on the page as it is, then the same page on a phone-wide window: no sideways scroll.
   * Both are kept as screenshots, to be looked at.
   */
  private static void check(Page page, String name) {
    assertAccessible(page, page.url() + " (" + name + ")");
    screenshot(page, "fieldwork-" + name + "-desktop.png");
    ViewportSize desktop = page.viewportSize();
    page.setViewportSize(360, 740);
    try {
      assertNoHorizontalScroll(page);
      assertAccessible(page, page.url() + " (" + name + ", phone-wide)");
      screenshot(page, "fieldwork-" + name + "-phone.png");
    } finally {
      page.setViewportSize(desktop.width, desktop.height);
    }
  }

  private static Path screenshot(Page page, String file) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Path path = SCREENSHOTS.resolve(file);
    page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    return path;
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByRoleOptions button(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }
}
